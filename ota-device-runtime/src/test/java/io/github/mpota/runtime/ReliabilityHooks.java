package io.github.mpota.runtime;

import io.github.mpota.runtime.server.UpdateJournal;
import java.time.Duration;

/** Opens the builder's test hooks to the reliability campaign, which lives in its own package. */
public final class ReliabilityHooks {

    private ReliabilityHooks() {
    }

    public static DeviceRuntimeBuilder moveObserver(DeviceRuntimeBuilder b, UpdateJournal.MoveObserver observer) {
        return b.moveObserver(observer);
    }

    public static DeviceRuntimeBuilder rebootDelay(DeviceRuntimeBuilder b, Duration delay) {
        return b.rebootDelay(delay);
    }
}
