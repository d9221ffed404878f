package io.github.mpota.runtime;

import io.github.mpota.runtime.server.HardenedLimits;
import io.github.mpota.runtime.server.SessionClock;
import io.github.mpota.runtime.server.StagedUpdate;
import java.time.Duration;

/** Opens the builder's test hooks to the reliability campaign, which lives in its own package. */
public final class ReliabilityHooks {

    private ReliabilityHooks() {
    }

    public static DeviceRuntime.Builder moveObserver(DeviceRuntime.Builder b, StagedUpdate.MoveObserver observer) {
        return b.moveObserver(observer);
    }

    public static DeviceRuntime.Builder hardenedLimits(DeviceRuntime.Builder b, HardenedLimits limits) {
        return b.hardenedLimits(limits);
    }

    public static DeviceRuntime.Builder clock(DeviceRuntime.Builder b, SessionClock clock) {
        return b.clock(clock);
    }

    public static DeviceRuntime.Builder rebootDelay(DeviceRuntime.Builder b, Duration delay) {
        return b.rebootDelay(delay);
    }
}
