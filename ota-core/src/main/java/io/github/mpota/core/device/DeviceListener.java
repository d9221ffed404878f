package io.github.mpota.core.device;

/** Told what happens in the device-side steps, for a transcript or a log. Every method has a no-op default. */
public interface DeviceListener {
    DeviceListener NONE = new DeviceListener() { };

    default void challengeSent(int attempt, String challenge) {
    }

    default void responseChecked(int attempt, boolean accepted) {
    }
}
