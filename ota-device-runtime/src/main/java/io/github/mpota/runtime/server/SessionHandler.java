package io.github.mpota.runtime.server;

import io.github.mpota.core.device.DeviceConnection;

/** How a profile runs the steps of PROTOCOL.md on one connection. */
interface SessionHandler {

    /**
     * Steps 4-11 up to and including {@code UPDATE_SUCCESS}; throws {@link UpdateFailure} for every way the update
     * fails (after which the session sends {@code FAIL} when it can).
     */
    void update(DeviceConnection conn, BoardContext board, SessionRecorder rec) throws UpdateFailure;
}
