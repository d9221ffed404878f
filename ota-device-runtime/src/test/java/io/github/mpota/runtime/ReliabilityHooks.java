package io.github.mpota.runtime;

import io.github.mpota.runtime.server.HardenedLimits;
import io.github.mpota.runtime.server.SessionClock;
import io.github.mpota.runtime.server.UpdateJournal;
import java.time.Duration;

/** Opens the builder's test hooks to the reliability campaign, which lives in its own package. */
public final class ReliabilityHooks {

    private ReliabilityHooks() {
    }

    public static DeviceRuntimeBuilder moveObserver(DeviceRuntimeBuilder b, UpdateJournal.MoveObserver observer) {
        return b.moveObserver(observer);
    }

    public static DeviceRuntimeBuilder hardenedLimits(DeviceRuntimeBuilder b, HardenedLimits limits) {
        return b.hardenedLimits(limits);
    }

    public static DeviceRuntimeBuilder clock(DeviceRuntimeBuilder b, SessionClock clock) {
        return b.clock(clock);
    }

    public static DeviceRuntimeBuilder rebootDelay(DeviceRuntimeBuilder b, Duration delay) {
        return b.rebootDelay(delay);
    }
}
