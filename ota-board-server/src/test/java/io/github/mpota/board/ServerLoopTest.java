package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ota/server.py's loop around the connections, in MicroPython on the board's virtual clock: what it does when the
 * network stack fails an accept, and the pause before a reset.
 */
@Timeout(30)
class ServerLoopTest {

    private static final String SERVER = WifiJoinTest.VIRTUAL_CLOCK + """
            import errno
            import virtual_clock
            from ota.server import Server

            class Stop(BaseException):
                pass

            class Connection:
                def settimeout(self, seconds):
                    pass
                def close(self):
                    print("%d ms: close" % virtual_clock.elapsed_ms())

            def log(message):
                print("%d ms: %s" % (virtual_clock.elapsed_ms(), message))
            """;

    @TempDir
    Path temp;

    private List<String> run(String script) throws Exception {
        MicroPythonScript.Run run = MicroPythonScript.run(temp, Map.of(), SERVER + script);
        assertEquals(0, run.exitCode(), run.output());
        return run.lines();
    }

    @Test
    void aFailedAcceptIsLoggedAndTheServerServesOnAfterAPause() throws Exception {
        List<String> lines = run("""
                class Listener:
                    def __init__(self):
                        self.calls = 0
                    def accept(self):
                        self.calls += 1
                        if self.calls <= 2:
                            raise OSError(errno.ECONNABORTED)
                        raise Stop()

                server = Server("pw", root=".", log=log, listen=lambda port: Listener(), urandom=lambda n: bytes(n))
                try:
                    server.serve_forever()
                except Stop:
                    print("%d ms: accepting again" % virtual_clock.elapsed_ms())
                """);
        String failed = "connection failed before the update began: [Errno 103] ECONNABORTED; serving on";
        assertEquals(List.of("0 ms: listening on port 8266", "0 ms: " + failed, "100 ms: " + failed,
                "200 ms: accepting again"), lines);
    }

    @Test
    void anUnfinishedUpdateResetsAfterTheSamePauseAsASuccessfulOne() throws Exception {
        // The FAIL and the FIN must leave the board before the reset cuts the network stack off.
        List<String> lines = run("""
                class Listener:
                    def accept(self):
                        return Connection(), ("127.0.0.1", 1)

                def reset():
                    print("%d ms: reset" % virtual_clock.elapsed_ms())

                def ending(outcome):
                    def handle(conn, address):
                        # A generator, as Server.handle is: its steps are the phases of an update.
                        return outcome
                        yield
                    return handle

                server = Server("pw", root=".", log=log, listen=None, urandom=lambda n: bytes(n), reset=reset)
                for outcome in ("unfinished", "updated"):
                    server.handle = ending(outcome)
                    virtual_clock._now["ms"] = 0
                    print(server.serve_one(Listener()))
                """);
        assertEquals(List.of("0 ms: connection from ('127.0.0.1', 1)", "0 ms: close",
                "500 ms: resetting so that the boot finishes the committed update", "500 ms: reset", "unfinished",
                "0 ms: connection from ('127.0.0.1', 1)", "0 ms: close", "500 ms: resetting to run the new code",
                "500 ms: reset", "updated"), lines);
    }
}
