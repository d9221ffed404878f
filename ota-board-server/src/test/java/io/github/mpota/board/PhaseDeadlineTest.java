package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deadline of each phase (docs/PROTOCOL.md, "Hardened devices"): the response within 10 s of its challenge;
 * the length header and the metadata within 10 s of the OK of step 3 plus the metadata at 1 KiB/s; the payload
 * within 10 s of the OK of step 7 plus {@code compressed_size} at 1 KiB/s. A client that sends a byte every 8 s,
 * under the 10 s per-receive timeout, is cut at the deadline instead of holding the board for minutes. On the
 * board's virtual clock: the times are exact and take no real time.
 */
@Timeout(60)
class PhaseDeadlineTest {

    private static final String METADATA = "{\"compressed_size\":15,\"total_uncompressed\":10,"
            + "\"files\":[{\"path\":\"main.py\",\"size\":10}]}";

    @TempDir
    Path temp;

    private List<String> run(String script) throws Exception {
        MicroPythonScript.Run run = MicroPythonScript.run(temp, Map.of("main.py", "old"),
                VirtualClient.PRELUDE + "METADATA = b'" + METADATA + "'\n" + """
                def drip(data, every_ms=8000):
                    for i in range(len(data)):
                        yield every_ms, data[i:i + 1]

                HEADER = b"%10d" % len(METADATA)
                PAYLOAD = stored(b"new main\\n\\n")
                """ + script);
        assertEquals(0, run.exitCode(), run.output());
        return run.lines();
    }

    @Test
    void aResponseDrippedAByteEvery8SecondsIsCutTenSecondsAfterItsChallengeWithoutAWord() throws Exception {
        List<String> lines = run("""
                def client(conn):
                    yield from drip(response(conn.challenge(), "pw"))

                server("pw").serve_one(Listener(client))
                print(" ".join(files()))
                """);
        assertEquals(List.of("0 ms: connection from ('192.168.1.7', 50000)", "0 ms: sent 00010203",
                "10000 ms: authentication aborted: the response to the challenge did not arrive within 10000 ms",
                "10000 ms: closed", "main.py=old"), lines);
    }

    @Test
    void aLengthHeaderDrippedAByteEvery8SecondsGetsFailTenSecondsAfterTheOk() throws Exception {
        List<String> lines = run("""
                def client(conn):
                    yield 0, response(conn.challenge(), "pw")
                    yield from drip(HEADER)

                server("pw").serve_one(Listener(client))
                print(" ".join(files()))
                """);
        assertEquals(List.of("0 ms: connection from ('192.168.1.7', 50000)", "0 ms: sent 00010203", "0 ms: sent OK",
                "10000 ms: update failed: the length header and the metadata did not arrive within 10000 ms",
                "10000 ms: sent FAIL", "10000 ms: closed", "main.py=old"), lines);
    }

    @Test
    void metadataDrippedAByteEvery8SecondsGetsFailAtTenSecondsPlusItsLengthAtOneKibPerSecond() throws Exception {
        // 85 bytes of metadata at 1 KiB/s: 83 ms more than the 10 s of the phase.
        List<String> lines = run("""
                def client(conn):
                    yield 0, response(conn.challenge(), "pw")
                    yield 0, HEADER
                    yield from drip(METADATA, 4000)

                server("pw").serve_one(Listener(client))
                print(" ".join(files()))
                """);
        assertEquals(85, METADATA.length());
        assertEquals(List.of("0 ms: connection from ('192.168.1.7', 50000)", "0 ms: sent 00010203", "0 ms: sent OK",
                "0 ms: sent OK",
                "10083 ms: update failed: the length header and the metadata did not arrive within 10083 ms",
                "10083 ms: sent FAIL", "10083 ms: closed", "main.py=old"), lines);
    }

    @Test
    void aPayloadDrippedAByteEvery8SecondsGetsFailAtTenSecondsPlusItsSizeAtOneKibPerSecondAndKeepsTheOldFiles()
            throws Exception {
        List<String> lines = run("""
                def client(conn):
                    yield 0, response(conn.challenge(), "pw")
                    yield 0, HEADER
                    yield 0, METADATA
                    yield from drip(PAYLOAD, 3000)

                server("pw").serve_one(Listener(client))
                print(" ".join(files()))
                """);
        assertEquals(List.of("0 ms: connection from ('192.168.1.7', 50000)", "0 ms: sent 00010203", "0 ms: sent OK",
                "0 ms: sent OK", "0 ms: sent OK", "0 ms: receiving 1 files (10 bytes, 15 compressed)",
                "10014 ms: update failed: payload not received in full: the payload did not arrive within 10014 ms",
                "10014 ms: sent FAIL", "10014 ms: closed", "main.py=old"), lines);
    }

    @Test
    void aClientThatKeepsToTheFloorRateIsServedAndNeverCut() throws Exception {
        // Each phase's 10 s of grace nearly spent waiting (9 s), then 40,005 bytes of payload at 1,000 bytes a
        // second: the payload's deadline is 10 s + 39,067 ms after the OK of step 7 (18 s), its last byte arrives at
        // 67 s.
        List<String> lines = run("""
                BIG = bytes((i * 7 + i // 256) & 255 for i in range(40000))
                META = b'{"compressed_size":40005,"total_uncompressed":40000,"files":[{"path":"main.py","size":40000}]}'
                PAYLOAD = stored(BIG)

                def client(conn):
                    yield 9000, response(conn.challenge(), "pw")
                    yield 9000, b"%10d" % len(META)
                    yield 0, META
                    yield 9000, PAYLOAD[:5]
                    for i in range(5, len(PAYLOAD), 1000):
                        yield 1000, PAYLOAD[i:i + 1000]

                print(server("pw", quiet=True).serve_one(Listener(client, quiet=True)))
                with open("main.py", "rb") as f:
                    print("main.py holds the payload: %s" % (f.read() == BIG))
                """);
        assertEquals(List.of("67500 ms: reset", "updated", "main.py holds the payload: True"), lines);
    }
}
