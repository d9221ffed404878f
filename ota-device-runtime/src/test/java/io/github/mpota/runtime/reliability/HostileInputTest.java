package io.github.mpota.runtime.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.runtime.DeviceRuntime;
import io.github.mpota.runtime.Profile;
import io.github.mpota.runtime.SessionOutcome;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of malformed and malicious inputs after a valid authentication, against both profiles. Every case:
 * the replies; FAIL (hardened) or the reference's answer (upstream); a log line that names the problem; nothing
 * written beside the root; in hardened, not one byte of the device changed; and the device serves the next case.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS)
class HostileInputTest {

    static final byte[] VECTOR = HexFormat.of()
            .parseHex("2b28cacc2bd150cf48cdc9c957d7e44a494d5348d3d0b4e2520082a2d492d2a23c0513232e00");
    static final String FILES = "[{\"path\": \"main.py\", \"size\": 15}, {\"path\": \"lib/util.py\", \"size\": 23}, "
            + "{\"path\": \"empty.txt\", \"size\": 0}]";
    static final byte[] HELLO = Bench.deflate(Bench.utf8("print('hello')\n"));

    @TempDir
    Path sandbox;

    /**
     * @param upstream the reference's last word: "FAIL" or "UPDATE_SUCCESS"
     * @param named what the hardened log line must contain
     * @param closeAfter send everything at once, then end the connection (a client that sends too little)
     */
    record Case(String name, byte[] lengthField, byte[] metadata, byte[] payload, String upstream, String named,
            boolean closeAfter) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Case meta(String name, String json, byte[] payload, String upstream, String named) {
        byte[] m = Bench.utf8(json);
        return new Case(name, Bench.header(m.length), m, payload, upstream, named, false);
    }

    static Case vector(String name, String json, String upstream, String named) {
        return meta(name, json, VECTOR, upstream, named);
    }

    /** A metadata object with the vector's sizes and the given files list. */
    static String withFiles(String files) {
        return "{\"compressed_size\": 38, \"total_uncompressed\": 38, \"files\": " + files + "}";
    }

    static Case path(String name, String jsonPath, String upstream, String named) {
        return meta(name, "{\"compressed_size\": " + HELLO.length + ", \"total_uncompressed\": 15, \"files\": "
                + "[{\"path\": " + jsonPath + ", \"size\": 15}]}", HELLO, upstream, named);
    }

    static Case length(String name, String field, String upstream, String named) {
        byte[] m = Bench.utf8(withFiles(FILES));
        return new Case(name, Bench.ascii(field), m, VECTOR, upstream, named, false);
    }

    static final String F = "FAIL";
    static final String S = "UPDATE_SUCCESS";

    static List<Case> corpus() {
        List<Case> c = new ArrayList<>();
        String valid = withFiles(FILES);
        int n = Bench.utf8(valid).length;
        // ---- length headers ----
        c.add(length("length: garbage", "abcdefghij", F, "not an integer"));
        c.add(length("length: negative", "        -5", F, "negative"));
        c.add(length("length: minus zero", "        -0", F, "metadata is empty"));
        c.add(length("length: two signs", "       +-5", F, "not an integer"));
        c.add(length("length: sign only", "         +", F, "not an integer"));
        c.add(length("length: huge", "9999999999", F, "exceeds the limit"));
        c.add(length("length: past int range", "2147483648", F, "exceeds the limit"));
        c.add(length("length: blank", "          ", F, "blank"));
        c.add(length("length: NUL bytes", "\0\0\0\0\0\0\0\0\0\0", F, "not an integer"));
        c.add(length("length: hexadecimal", "0x00000026", F, "not an integer"));
        c.add(length("length: fractional", String.format("%10s", n + ".0"), F, "not an integer"));
        c.add(length("length: exponent", "     1.5e2", F, "not an integer"));
        c.add(new Case("length: short (5 bytes, then the client ends)", Bench.ascii("    1"), new byte[0],
                new byte[0], F, "metadata length failed", true));
        // ---- metadata ----
        c.add(vector("metadata: not JSON", "{not json", F, "not valid JSON"));
        c.add(vector("metadata: empty object", "{}", F, "missing the key"));
        c.add(vector("metadata: a list", "[]", F, "must be a JSON object"));
        c.add(vector("metadata: a string", "\"files\"", F, "must be a JSON object"));
        c.add(vector("metadata: null", "null", F, "must be a JSON object"));
        c.add(vector("metadata: trailing JSON", valid + " {}", F, "not valid JSON"));
        c.add(vector("metadata: duplicate key", "{\"compressed_size\": 38, \"compressed_size\": 1, "
                + "\"total_uncompressed\": 38, \"files\": " + FILES + "}", F, "not valid JSON"));
        c.add(vector("metadata: compressed_size a string", valid.replace("\"compressed_size\": 38",
                "\"compressed_size\": \"38\""), F, "'compressed_size' must be a whole number"));
        c.add(vector("metadata: compressed_size negative", valid.replace("\"compressed_size\": 38",
                "\"compressed_size\": -1"), F, "'compressed_size' must not be negative"));
        c.add(vector("metadata: compressed_size fractional", valid.replace("\"compressed_size\": 38",
                "\"compressed_size\": 38.5"), F, "'compressed_size' must be a whole number"));
        c.add(vector("metadata: compressed_size enormous", valid.replace("\"compressed_size\": 38",
                "\"compressed_size\": 1000000000000000000000000000000"), F, "'compressed_size' is too large"));
        c.add(vector("metadata: compressed_size true", valid.replace("\"compressed_size\": 38",
                "\"compressed_size\": true"), F, "received a boolean"));
        c.add(vector("metadata: sizes do not add up", valid.replace("\"total_uncompressed\": 38",
                "\"total_uncompressed\": 37"), S, "add up to 38"));
        c.add(vector("metadata: total negative", valid.replace("\"total_uncompressed\": 38",
                "\"total_uncompressed\": -38"), S, "'total_uncompressed' must not be negative"));
        c.add(vector("metadata: size a string", withFiles(FILES.replace("\"size\": 15", "\"size\": \"15\"")), F,
                "files[0].size' must be a whole number"));
        c.add(vector("metadata: size fractional", withFiles(FILES.replace("\"size\": 15", "\"size\": 15.5")), F,
                "files[0].size' must be a whole number"));
        c.add(vector("metadata: size negative", withFiles(FILES.replace("\"size\": 15", "\"size\": -15")), S,
                "files[0].size' must not be negative"));
        c.add(vector("metadata: size enormous", withFiles(FILES.replace("\"size\": 15",
                "\"size\": 100000000000000000000")), F, "files[0].size' is too large"));
        c.add(vector("metadata: size true", withFiles(FILES.replace("\"size\": 15", "\"size\": true")), S,
                "received a boolean"));
        c.add(vector("metadata: size null", withFiles(FILES.replace("\"size\": 15", "\"size\": null")), F,
                "received null"));
        c.add(vector("metadata: files an object", withFiles("{}"), F, "'files' must be a list"));
        c.add(vector("metadata: files entry a number", withFiles("[1]"), F, "files[0] must be an object"));
        c.add(vector("metadata: entry without path", withFiles("[{\"size\": 38}]"), F, "missing the key 'path'"));
        c.add(vector("metadata: path a number", withFiles("[{\"path\": 7, \"size\": 38}]"), F,
                "files[0].path must be a string"));
        c.add(path("path: ..", "\"../evil.py\"", F, "'..' segment"));
        c.add(path("path: .. inside", "\"a/../../evil.py\"", F, "'..' segment"));
        c.add(path("path: absolute", "\"/etc/evil.py\"", S, "path is absolute"));
        c.add(path("path: Windows absolute", "\"C:\\\\evil.py\"", F, "backslash"));
        c.add(path("path: drive letter", "\"C:/evil.py\"", S, "drive letter"));
        c.add(path("path: backslash traversal", "\"..\\\\..\\\\evil.py\"", F, "backslash"));
        c.add(path("path: NUL", "\"a\\u0000b.py\"", F, "control character U+0000"));
        c.add(path("path: bell", "\"a\\u0007b.py\"", S, "control character U+0007"));
        c.add(path("path: newline", "\"a\\nb.py\"", S, "control character U+000A"));
        c.add(path("path: empty", "\"\"", F, "path is empty"));
        c.add(path("path: trailing slash", "\"lib/\"", F, "empty segment"));
        c.add(path("path: dot", "\".\"", F, "'.' segment"));
        c.add(path("path: double slash", "\"lib//x.py\"", S, "empty segment"));
        c.add(path("path: over-long name", "\"" + "n".repeat(300) + ".py\"", F, "longer than 255 bytes"));
        c.add(path("path: over-long path", "\"" + "d/".repeat(2100) + "x.py\"", F, "longer than 4096 bytes"));
        c.add(path("path: an existing folder", "\"lib\"", F, "is a folder on the device"));
        c.add(path("path: below an existing file", "\"keep_me.txt/x.py\"", F, "which is a file on the device"));
        c.add(path("path: the runtime's staging folder", "\".ota/journal.json\"", S, "inside .ota/"));
        c.add(vector("metadata: a path both a file and a folder", withFiles("[{\"path\": \"lib\", \"size\": 15}, "
                + "{\"path\": \"lib/util.py\", \"size\": 23}]"), F, "is a file and also the folder"));
        c.add(vector("metadata: duplicate paths", withFiles("[{\"path\": \"main.py\", \"size\": 15}, "
                + "{\"path\": \"main.py\", \"size\": 23}]"), S, "is listed twice"));
        c.add(vector("metadata: deep nesting", "{\"x\": " + "[".repeat(2000) + "]".repeat(2000) + ", "
                + valid.substring(1), F, "not valid JSON"));
        byte[] badUtf8 = Bench.utf8(withFiles("[{\"path\": \"m\u00e9.py\", \"size\": 38}]"));
        for (int i = 0; i < badUtf8.length; i++) {
            if (badUtf8[i] == (byte) 0xc3) {
                badUtf8[i] = (byte) 0xff;
            }
        }
        c.add(new Case("metadata: invalid UTF-8", Bench.header(badUtf8.length), badUtf8, VECTOR, F,
                "not valid JSON", false));
        c.add(hundredThousandEntries());
        // ---- payloads ----
        c.add(new Case("payload: truncated (20 of 38, then the client ends)", Bench.header(n), Bench.utf8(valid),
                Arrays.copyOf(VECTOR, 20), F, "payload incomplete", true));
        byte[] trailing = Arrays.copyOf(VECTOR, 43);
        c.add(meta("payload: trailing bytes", valid.replace("\"compressed_size\": 38", "\"compressed_size\": 43"),
                trailing, S, "bytes after the end of the deflate stream"));
        byte[] ff = new byte[38];
        Arrays.fill(ff, (byte) 0xff);
        c.add(meta("payload: garbage", valid, ff, F, "payload is corrupt"));
        byte[] flipped = VECTOR.clone();
        flipped[0] = 0x07; // a final block of the reserved type 3
        c.add(meta("payload: reserved block type", valid, flipped, F, "payload is corrupt"));
        c.add(vector("payload: shorter than the sizes", "{\"compressed_size\": 38, \"total_uncompressed\": 48, "
                + "\"files\": [{\"path\": \"main.py\", \"size\": 25}, {\"path\": \"lib/util.py\", \"size\": 23}]}",
                F, "payload is short"));
        c.add(vector("payload: longer than the sizes", "{\"compressed_size\": 38, \"total_uncompressed\": 33, "
                + "\"files\": [{\"path\": \"main.py\", \"size\": 10}, {\"path\": \"lib/util.py\", \"size\": 23}]}",
                S, "payload is long"));
        byte[] bomb = io.github.mpota.core.testing.Deflate.rawZeros(64L * 1024 * 1024);
        c.add(meta("payload: deflate bomb (64 MiB of zeros listed as 1000 bytes)", "{\"compressed_size\": "
                + bomb.length + ", \"total_uncompressed\": 1000, \"files\": [{\"path\": \"bomb.bin\", \"size\": "
                + "1000}]}", bomb, S, "inflates to more than the 1000 bytes"));
        java.util.zip.Deflater zlib = new java.util.zip.Deflater(9, false);
        zlib.setInput(Bench.utf8("print('hello')\n"));
        zlib.finish();
        byte[] buf = new byte[100];
        byte[] wrapped = Arrays.copyOf(buf, zlib.deflate(buf));
        zlib.end();
        c.add(meta("payload: zlib header instead of raw deflate", "{\"compressed_size\": " + wrapped.length
                + ", \"total_uncompressed\": 15, \"files\": [{\"path\": \"main.py\", \"size\": 15}]}", wrapped, F,
                "payload is"));
        c.add(meta("payload: empty with files listed", "{\"compressed_size\": 0, \"total_uncompressed\": 15, "
                + "\"files\": [{\"path\": \"main.py\", \"size\": 15}]}", new byte[0], F, "payload is short"));
        return c;
    }

    static Case hundredThousandEntries() {
        StringBuilder sb = new StringBuilder("{\"compressed_size\": 2, \"total_uncompressed\": 0, \"files\": [");
        for (int i = 0; i < 100_000; i++) {
            sb.append(i == 0 ? "" : ",").append("{\"path\": \"f").append(i).append("\", \"size\": 0}");
        }
        byte[] m = Bench.utf8(sb.append("]}").toString());
        return new Case("metadata: 100,000 entries (" + m.length + " bytes)", Bench.header(m.length), m,
                new byte[] {3, 0}, F, "exceeds the limit", false);
    }

    @Test
    void theCorpusHasAtLeastSixtyCases() {
        assertTrue(corpus().size() >= 60, "cases: " + corpus().size());
    }

    @Test
    void hardenedRefusesEveryCaseNamesItAndChangesNothing() throws Exception {
        run(Profile.HARDENED);
    }

    @Test
    void upstreamAnswersEveryCaseAsTheReferenceAndStaysInItsRoot() throws Exception {
        run(Profile.UPSTREAM);
    }

    private void run(Profile profile) throws Exception {
        Bench bench = new Bench(sandbox);
        bench.writeOldFiles();
        Map<String, String> old = bench.deviceFiles();
        List<Case> corpus = corpus();
        try (DeviceRuntime device = bench.start(profile, b -> b)) {
            int session = 0;
            for (Case k : corpus) {
                String replies;
                try (Bench.Raw c = new Bench.Raw(device.port())) {
                    assertEquals("OK", c.authenticate(Bench.PASSWORD), k.name());
                    if (k.closeAfter()) {
                        ByteArrayOutputStream all = new ByteArrayOutputStream();
                        all.writeBytes(k.lengthField());
                        all.writeBytes(k.metadata());
                        all.writeBytes(k.payload());
                        c.send(all.toByteArray());
                        c.socket.shutdownOutput();
                        replies = c.readToEnd();
                    } else {
                        replies = c.converse(k.lengthField(), k.metadata(), k.payload());
                    }
                }
                SessionOutcome o = device.awaitSession(++session, Bench.WAIT);
                String where = profile + " '" + k.name() + "': replied " + replies + ", reason " + o.reason();
                bench.assertNothingOutsideTheRoot();
                if (profile == Profile.HARDENED) {
                    assertTrue(replies.endsWith("FAIL") && !replies.contains("UPDATE_SUCCESS"), where);
                    assertFalse(o.success(), where);
                    assertTrue(bench.logHas(k.named()), where + ": no log line names '" + k.named() + "'");
                    assertEquals(old, bench.deviceFiles(), where + ": the device changed");
                } else {
                    assertTrue(replies.endsWith(k.upstream()), where + ": expected " + k.upstream());
                    if (k.upstream().equals(F)) {
                        assertTrue(bench.logHas("Update failed: " + o.reason()), where);
                    }
                    restore(bench);
                }
            }
            // Still serving: a valid update goes through.
            try (Bench.Raw c = new Bench.Raw(device.port())) {
                assertEquals("OK", c.authenticate(Bench.PASSWORD));
                byte[] m = Bench.utf8(withFiles(FILES));
                assertEquals("OKOKUPDATE_SUCCESS", c.converse(Bench.header(m.length), m, VECTOR));
            }
            assertTrue(device.awaitSession(++session, Bench.WAIT).success());
            assertEquals("print('hello')\n", Files.readString(bench.root.resolve("main.py")));
        }
        System.out.println("[reliability] " + profile + ": " + corpus.size() + " hostile inputs held");
    }

    /** Upstream writes in place, as the reference: put the old files back before the next case. */
    private static void restore(Bench bench) throws Exception {
        try (Stream<Path> s = Files.walk(bench.root)) {
            s.sorted(Comparator.reverseOrder()).filter(x -> !x.equals(bench.root)).forEach(x -> x.toFile().delete());
        }
        bench.writeOldFiles();
    }
}
