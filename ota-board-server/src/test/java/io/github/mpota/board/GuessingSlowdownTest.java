package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Online guessing (ota/auth.py): after a wrong response the board waits before {@code AUTH_FAIL}, 250 ms doubling
 * per failure up to 5 s, counted per address and overall, reset by a right response; a right response is answered at
 * once. On the board's virtual clock, with clients that answer in no time, so the guesses an hour measured here are
 * the board's own bound (a real network only adds its round trips).
 */
@Timeout(90)
class GuessingSlowdownTest {

    @TempDir
    Path temp;

    private List<String> run(String script) throws Exception {
        MicroPythonScript.Run run = MicroPythonScript.run(temp, Map.of(), VirtualClient.PRELUDE + """
                def guesser(conn):
                    # Three wrong responses, each sent as soon as its challenge arrives.
                    for i in range(3):
                        yield 0, response(conn.challenge(), "guess")

                def owner(conn):
                    yield 0, response(conn.challenge(), "pw")
                """ + script);
        assertEquals(0, run.exitCode(), run.output());
        return run.lines();
    }

    @Test
    void eachWrongResponseOfAnAddressWaitsLongerForItsAuthFailUpToFiveSeconds() throws Exception {
        List<String> lines = run("""
                board = server("pw", quiet=True)
                listener = Listener(guesser, "192.168.1.66", quiet=True)
                for session in range(4):
                    board.serve_one(listener)
                    sent = listener.last.sent
                    print("session %d at %d ms: %s" % (session + 1, now(), " ".join(w.decode() for w in sent)))
                """);
        // 250, 500, 1000 | 2000, 4000, 5000 | 5000 x 3 | 5000 x 3
        assertEquals(List.of(
                "session 1 at 1750 ms: 00010203 AUTH_FAIL 00010203 AUTH_FAIL 00010203 AUTH_FAIL",
                "session 2 at 12750 ms: 00010203 AUTH_FAIL 00010203 AUTH_FAIL 00010203 AUTH_FAIL",
                "session 3 at 27750 ms: 00010203 AUTH_FAIL 00010203 AUTH_FAIL 00010203 AUTH_FAIL",
                "session 4 at 42750 ms: 00010203 AUTH_FAIL 00010203 AUTH_FAIL 00010203 AUTH_FAIL"), lines);
    }

    @Test
    void theLogNamesTheWaitOfEachWrongResponse() throws Exception {
        List<String> lines = run("""
                server("pw").serve_one(Listener(guesser))
                """);
        assertEquals(List.of("0 ms: connection from ('192.168.1.7', 50000)", "0 ms: sent 00010203",
                "0 ms: wrong response to the challenge (attempt 1 of 3); AUTH_FAIL after 250 ms",
                "250 ms: sent AUTH_FAIL", "250 ms: sent 00010203",
                "250 ms: wrong response to the challenge (attempt 2 of 3); AUTH_FAIL after 500 ms",
                "750 ms: sent AUTH_FAIL", "750 ms: sent 00010203",
                "750 ms: wrong response to the challenge (attempt 3 of 3); AUTH_FAIL after 1000 ms",
                "1750 ms: sent AUTH_FAIL", "1750 ms: refused after 3 wrong responses", "1750 ms: closed"), lines);
    }

    @Test
    void aRightResponseIsAnsweredAtOnceAfterAnyNumberOfFailuresAndResetsTheDelay() throws Exception {
        List<String> lines = run("""
                board = server("pw", quiet=True)
                for session in range(10):
                    board.serve_one(Listener(guesser, "192.168.1.66", quiet=True))
                for address in ("192.168.1.20", "192.168.1.66"):
                    listener = Listener(owner, address, quiet=True)
                    start = now()
                    board.serve_one(listener)
                    print("owner at %s: %s after %d ms" % (address, listener.last.sent[1].decode(), now() - start))
                start = now()
                board.serve_one(Listener(guesser, "192.168.1.66", quiet=True))
                print("next guesses: %d ms" % (now() - start))
                """);
        assertEquals(List.of("owner at 192.168.1.20: OK after 0 ms", "owner at 192.168.1.66: OK after 0 ms",
                "next guesses: 1750 ms"), lines);
    }

    @Test
    void anAttackerWithANewAddressForEveryConnectionIsSlowedByTheOverallCount() throws Exception {
        List<String> lines = run("""
                board = server("pw", quiet=True)
                hosts = iter(range(1, 100))
                listener = Listener(guesser, lambda: "10.0.0.%d" % next(hosts), quiet=True)
                delays = []
                for session in range(8):
                    start = now()
                    board.serve_one(listener)
                    delays.append(now() - start)
                print(" ".join(str(d) for d in delays))
                """);
        // Per address 250 + 500 + 1000 at first; the overall count (failures / 3) takes over from the third session
        // and reaches the bound of 5 s at the 18th failure.
        assertEquals(List.of("1750 1750 2000 4000 8000 13000 15000 15000"), lines);
    }

    @Test
    void anHourOfGuessingAsFastAsTheBoardAnswersGetsAboutSevenHundredTwentyGuesses() throws Exception {
        List<String> lines = run("""
                HOUR_MS = 3600 * 1000

                def attack(address):
                    virtual_clock._now["ms"] = 0
                    board = server("pw", quiet=True)
                    listener = Listener(guesser, address, quiet=True)
                    guesses = 0
                    # Bounded by sessions too, so that a board without the slowdown ends the loop.
                    for session in range(5000):
                        if now() >= HOUR_MS:
                            break
                        board.serve_one(listener)
                        guesses += 3
                    return guesses

                count = iter(range(1, 1000000))
                print("one address: %d guesses in %d ms" % (attack("192.168.1.66"), now()))
                print("a new address every connection: %d guesses in %d ms"
                      % (attack(lambda: "10.%d.0.1" % next(count)), now()))
                """);
        assertEquals(2, lines.size(), String.join("\n", lines));
        for (String line : lines) {
            System.out.println("GuessingSlowdownTest: " + line);
            int guesses = Integer.parseInt(line.replaceAll(".*: (\\d+) guesses in \\d+ ms", "$1"));
            long ms = Long.parseLong(line.replaceAll(".* guesses in (\\d+) ms", "$1"));
            assertTrue(ms >= 3_600_000, line);
            // One guess per 5 s once the delay is at its bound (720 an hour), plus the few faster ones before it.
            long perHour = guesses * 3_600_000L / ms;
            assertTrue(perHour >= 700 && perHour <= 735, perHour + " guesses an hour: " + line);
        }
    }
}
