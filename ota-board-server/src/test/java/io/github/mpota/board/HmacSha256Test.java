package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ota/hmac_sha256.py (HMAC and PBKDF2 built on hashlib.sha256, for boards without an hmac module) under MicroPython,
 * against CPython's hmac and hashlib.pbkdf2_hmac run by python3 on the same inputs: RFC 4231's HMAC inputs (short,
 * block-sized and longer-than-a-block keys), RFC 6070's PBKDF2 inputs, a password longer than a block, and the
 * inputs of PROTOCOL.md's v2 test vector. The expected values are computed by python3 in this test, never recorded
 * from our output.
 */
@Timeout(60)
class HmacSha256Test {

    /** pbkdf2(password, salt, iterations): the server's pbkdf2_steps run through, as a v2 session runs it. */
    private static final String PBKDF2 = """
            from ota.hmac_sha256 import pbkdf2_steps

            def pbkdf2(password, salt, iterations):
                steps = pbkdf2_steps(password, salt, iterations, None)
                try:
                    while True:
                        next(steps)
                except StopIteration as e:
                    return e.value
            """;

    /** key (hex), message (hex): RFC 4231 test cases 1-4, 6 and 7, an empty key and message, a 64-byte key. */
    private static final List<String[]> HMAC_INPUTS = List.of(
            new String[] {"0b".repeat(20), hex("Hi There")},
            new String[] {hex("Jefe"), hex("what do ya want for nothing?")},
            new String[] {"aa".repeat(20), "dd".repeat(50)},
            new String[] {"0102030405060708090a0b0c0d0e0f10111213141516171819", "cd".repeat(50)},
            new String[] {"aa".repeat(131), hex("Test Using Larger Than Block-Size Key - Hash Key First")},
            new String[] {"aa".repeat(131), hex("This is a test using a larger than block-size key and a larger than "
                    + "block-size data. The key needs to be hashed before being used by the HMAC algorithm.")},
            new String[] {"", ""},
            new String[] {"5c".repeat(64), "36".repeat(200)});

    /** password (hex), salt (hex), iterations: RFC 6070's inputs (the 16,777,216-iteration one left out), more. */
    private static final List<String[]> PBKDF2_INPUTS = List.of(
            new String[] {hex("password"), hex("salt"), "1"},
            new String[] {hex("password"), hex("salt"), "2"},
            new String[] {hex("password"), hex("salt"), "4096"},
            new String[] {hex("passwordPASSWORDpassword"), hex("saltSALTsaltSALTsaltSALTsaltSALTsalt"), "4096"},
            new String[] {hex("pass\0word"), hex("sa\0lt"), "4096"},
            new String[] {hex("secret"), "000102030405060708090a0b0c0d0e0f", "1000"},
            new String[] {"70".repeat(100), "01".repeat(64), "10"},
            new String[] {hex("pässwörd"), "ff".repeat(8), "10000"});

    @TempDir
    Path temp;

    @Test
    void hmacAndPbkdf2AgreeWithCPython() throws Exception {
        String inputs = "HMAC = " + pythonList(HMAC_INPUTS) + "\nPBKDF2 = " + pythonList(PBKDF2_INPUTS) + "\n";
        List<String> expected = cpython(inputs + """
                import hashlib, hmac
                for k, m in HMAC:
                    print("hmac " + hmac.new(bytes.fromhex(k), bytes.fromhex(m), hashlib.sha256).hexdigest())
                for p, s, n in PBKDF2:
                    print("pbkdf2 " + hashlib.pbkdf2_hmac("sha256", bytes.fromhex(p), bytes.fromhex(s), n).hex())
                """);
        MicroPythonScript.Run run = MicroPythonScript.run(temp, Map.of(), inputs + PBKDF2 + """
                import binascii
                from ota.hmac_sha256 import Mac, hmac_sha256
                for k, m in HMAC:
                    key, msg = binascii.unhexlify(k), binascii.unhexlify(m)
                    whole = hmac_sha256(key, msg)
                    # The same message given in pieces of 7 bytes, as a payload streamed to flash is.
                    mac = Mac(key)
                    for i in range(0, len(msg), 7):
                        mac.update(msg[i:i + 7])
                    print("hmac " + binascii.hexlify(whole).decode() if whole == mac.digest() else "pieces differ")
                for p, s, n in PBKDF2:
                    key = pbkdf2(binascii.unhexlify(p), binascii.unhexlify(s), n)
                    print("pbkdf2 " + binascii.hexlify(key).decode())
                """);
        assertEquals(0, run.exitCode(), run.output());
        assertEquals(HMAC_INPUTS.size() + PBKDF2_INPUTS.size(), expected.size(), "python3 printed " + expected);
        assertEquals(expected, run.lines(), run.output());
    }

    @Test
    void pbkdf2GivesProtocolV2sKeyVector() throws Exception {
        // docs/PROTOCOL.md, "Protocol v2", "Test vectors": K for secret, salt 00..0f, 1000 iterations.
        MicroPythonScript.Run run = MicroPythonScript.run(temp, Map.of(), PBKDF2 + """
                import binascii
                print(binascii.hexlify(pbkdf2(b"secret", bytes(range(16)), 1000)).decode())
                """);
        assertEquals(List.of("4efb2bbb6d2eb58ea8deaed54417ae2fd87fd50a8a8568709363da60d4560606"), run.lines(),
                run.output());
    }

    private static String hex(String text) {
        StringBuilder sb = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            sb.append(String.format("%02x", b & 0xff));
        }
        return sb.toString();
    }

    private static String pythonList(List<String[]> rows) {
        StringBuilder sb = new StringBuilder("[");
        for (String[] row : rows) {
            sb.append("(\"").append(row[0]).append("\", \"").append(row[1]).append('"');
            if (row.length > 2) {
                sb.append(", ").append(row[2]);
            }
            sb.append("), ");
        }
        return sb.append(']').toString();
    }

    private List<String> cpython(String script) throws Exception {
        Path file = Files.writeString(temp.resolve("cpython.py"), script);
        Path out = temp.resolve("cpython.txt");
        Process process = new ProcessBuilder("python3", file.toString()).redirectOutput(out.toFile())
                .redirectErrorStream(false).start();
        assertTrue(process.waitFor(30, TimeUnit.SECONDS), "python3 did not finish");
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), "python3 (which computes the expected values) failed: " + errors);
        return Files.readAllLines(out, StandardCharsets.UTF_8);
    }
}
