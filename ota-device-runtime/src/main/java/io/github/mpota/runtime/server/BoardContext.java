package io.github.mpota.runtime.server;

import io.github.mpota.runtime.flash.FlashFilesystem;
import io.github.mpota.core.auth.ChallengeSequence;
import java.net.Socket;
import java.time.Duration;

/**
 * What an update needs from the board: its filesystem, the current OTA password, its challenges (one sequence for
 * the board's whole run, so that no challenge repeats), the I/O timeout of a connection, and the connection's
 * socket, whose phase deadlines the hardened profile moves on ({@link PhaseDeadlines}).
 */
record BoardContext(FlashFilesystem flash, String otaPassword, ChallengeSequence challenges, Duration ioTimeout,
        Socket socket) {

    /** Never the password. */
    @Override
    public String toString() {
        return "BoardContext[flash=" + flash.root() + ", otaPassword=(hidden), ioTimeout=" + ioTimeout + "]";
    }
}
