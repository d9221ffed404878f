package io.github.mpota.runtime.server;

import io.github.mpota.core.device.AuthOutcome;
import io.github.mpota.core.device.DeviceConnection;
import java.io.IOException;

/** How a profile runs the steps of PROTOCOL.md on one authenticated-or-not connection. */
interface SessionHandler {

    /** Steps 1-3. */
    AuthOutcome authenticate(DeviceConnection conn, BoardContext board, SessionRecorder rec) throws IOException;

    /**
     * Steps 4-11 up to and including {@code UPDATE_SUCCESS}; throws {@link UpdateFailure} for every way the update
     * fails (after which the session sends {@code FAIL} when it can).
     */
    void update(DeviceConnection conn, BoardContext board, SessionRecorder rec) throws UpdateFailure;
}
