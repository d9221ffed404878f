package io.github.mpota.core.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.mpota.core.metadata.DevicePath;
import io.github.mpota.core.metadata.FileEntry;
import io.github.mpota.core.metadata.Metadata;
import io.github.mpota.core.metadata.MetadataCodec;
import io.github.mpota.core.metadata.MetadataException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Random metadata (fixed seeds, so that a failure replays): valid metadata round-trips, and mutated or random JSON
 * either parses into metadata that keeps every rule of the hardened device, or is refused with a
 * {@link MetadataException}. No other exception, whatever the bytes.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MetadataCodecRandomTest {

    static final long SEED = 0x4d455441L;
    private static final String[] NAME_PARTS = {"main", "lib", "util", "a", "b", "pkg", "sub", ".py", ".txt", "é",
        "日本", "-", "_", " ", "x"};
    /** Values spliced in place of a token: every kind a careless or hostile client might send. */
    private static final String[] TOKENS = {"-1", "0", "1.5", "1e3", "1e400", "\"12\"", "true", "null", "[]", "{}",
        "99999999999999999999999", "-0", "4611686018427387904", "\"../x\"", "\"/etc/passwd\"", "\"C:\\\\x\"",
        "\"a\\u0000b\"", "\"a/./b\"", "\"a//b\"", "\"\"", "\"lib\"", "\"main.py\"", "1,", ",", "]", "}", "\"",
        "{\"path\":\"q\",\"size\":1}", "NaN", "Infinity", "0x10", "+1"};

    @Test
    void validMetadataRoundTrips() throws MetadataException {
        Random r = new Random(SEED);
        for (int i = 0; i < 5_000; i++) {
            Metadata m = randomValid(r);
            assertEquals(m, MetadataCodec.parse(MetadataCodec.write(m)), "seed " + SEED + " case " + i);
        }
    }

    @Test
    void mutatedMetadataIsRefusedOrKeepsEveryRule() {
        mutate(SEED + 1, 20_000);
    }

    @Test
    @Tag("campaign")
    void twoHundredThousandMutationsAreRefusedOrKeepEveryRule() {
        mutate(SEED + 2, 200_000);
    }

    @Test
    void randomJsonIsRefusedOrKeepsEveryRule() {
        Random r = new Random(SEED + 3);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            randomJson(r, sb, 0, i % 7 == 0);
            check(sb.toString().getBytes(StandardCharsets.UTF_8), "seed " + (SEED + 3) + " case " + i);
        }
    }

    private static void mutate(long seed, int cases) {
        Random r = new Random(seed);
        int accepted = 0;
        for (int i = 0; i < cases; i++) {
            String json = new String(MetadataCodec.write(randomValid(r)), StandardCharsets.UTF_8);
            int mutations = 1 + r.nextInt(3);
            for (int k = 0; k < mutations; k++) {
                json = mutateOnce(r, json);
            }
            if (check(json.getBytes(StandardCharsets.UTF_8), "seed " + seed + " case " + i)) {
                accepted++;
            }
        }
        // The mutations must also leave valid metadata sometimes, or the rules are never exercised on success.
        assertTrue(accepted > 0 && accepted < cases, "accepted " + accepted + " of " + cases);
    }

    private static String mutateOnce(Random r, String json) {
        int at = r.nextInt(json.length() + 1);
        switch (r.nextInt(5)) {
            case 0: { // replace a token (a number or a string) by a hostile one
                int start = Math.min(at, json.length() - 1);
                while (start > 0 && "[{,:".indexOf(json.charAt(start - 1)) < 0) {
                    start--;
                }
                int end = start;
                while (end < json.length() && "]},:".indexOf(json.charAt(end)) < 0) {
                    end++;
                }
                return json.substring(0, start) + TOKENS[r.nextInt(TOKENS.length)] + json.substring(end);
            }
            case 1:
                return json.substring(0, at) + (char) r.nextInt(128) + json.substring(at);
            case 2:
                return at < json.length() ? json.substring(0, at) + json.substring(at + 1) : json;
            case 3: { // duplicate a span (duplicate keys, duplicate entries)
                int end = Math.min(json.length(), at + 1 + r.nextInt(40));
                return json.substring(0, end) + json.substring(at, end) + json.substring(end);
            }
            default:
                return json.substring(0, at) + TOKENS[r.nextInt(TOKENS.length)] + json.substring(at);
        }
    }

    /** True when accepted; then every rule holds. A refusal must be a MetadataException with a message. */
    private static boolean check(byte[] json, String where) {
        Metadata m;
        try {
            m = MetadataCodec.parse(json);
        } catch (MetadataException e) {
            assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), where);
            return false;
        } catch (RuntimeException | StackOverflowError e) {
            fail(where + ": " + new String(json, StandardCharsets.UTF_8) + " threw " + e);
            return false;
        }
        long sum = 0;
        Set<String> paths = new HashSet<>();
        for (FileEntry f : m.files()) {
            assertTrue(DevicePath.problem(f.path()).isEmpty(), where + ": accepted path " + f.path());
            assertTrue(f.size() >= 0, where);
            assertTrue(paths.add(f.path()), where + ": duplicate " + f.path());
            sum += f.size();
        }
        for (String p : paths) {
            for (String folder = DevicePath.parent(p); !folder.isEmpty(); folder = DevicePath.parent(folder)) {
                assertTrue(!paths.contains(folder), where + ": " + folder + " is a file and a folder");
            }
        }
        assertEquals(m.totalUncompressed(), sum, where);
        assertTrue(m.compressedSize() >= 0, where);
        return true;
    }

    static Metadata randomValid(Random r) {
        int n = r.nextInt(6);
        List<FileEntry> files = new ArrayList<>();
        Set<String> used = new HashSet<>();
        for (int i = 0; i < n; i++) {
            StringBuilder p = new StringBuilder();
            int depth = r.nextInt(3);
            for (int d = 0; d <= depth; d++) {
                if (d > 0) {
                    p.append('/');
                }
                p.append("d").append(d == depth ? "f" : "").append(NAME_PARTS[r.nextInt(NAME_PARTS.length)]);
            }
            String path = p.toString();
            if (used.add(path)) {
                files.add(new FileEntry(path, r.nextInt(3) == 0 ? 0 : r.nextInt(100_000)));
            }
        }
        return Metadata.of(r.nextInt(200_000), files);
    }

    private static void randomJson(Random r, StringBuilder sb, int depth, boolean deep) {
        int kind = depth > (deep ? 60 : 4) ? 3 + r.nextInt(3) : r.nextInt(6);
        switch (kind) {
            case 0, 1 -> {
                sb.append('{');
                int n = r.nextInt(4);
                String[] keys = {"compressed_size", "total_uncompressed", "files", "path", "size", "full_path", "x"};
                for (int i = 0; i < n; i++) {
                    sb.append(i > 0 ? "," : "").append('"').append(keys[r.nextInt(keys.length)]).append("\":");
                    randomJson(r, sb, depth + 1, deep);
                }
                sb.append('}');
            }
            case 2 -> {
                sb.append('[');
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    sb.append(i > 0 ? "," : "");
                    randomJson(r, sb, depth + 1, deep);
                }
                sb.append(']');
            }
            default -> sb.append(TOKENS[r.nextInt(TOKENS.length)]);
        }
    }

    @Test
    void aHundredThousandEntriesAreReadWithinBounds() throws MetadataException {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        List<FileEntry> files = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            files.add(new FileEntry("f" + i, 1));
        }
        Metadata m = Metadata.of(10, files);
        json.writeBytes(MetadataCodec.write(m));
        assertEquals(100_000, MetadataCodec.parse(json.toByteArray()).files().size());
    }
}
