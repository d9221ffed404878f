package io.github.mpota.core.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MetadataCodecTest {

    /** The metadata of PROTOCOL.md, with the reference client's separators. */
    private static final String PROTOCOL_EXAMPLE = "{\"compressed_size\": 38, \"total_uncompressed\": 38, \"files\": "
            + "[{\"path\": \"main.py\", \"size\": 15}, {\"path\": \"lib/util.py\", \"size\": 23}, "
            + "{\"path\": \"empty.txt\", \"size\": 0}]}";

    private static final List<FileEntry> EXAMPLE_FILES = List.of(new FileEntry("main.py", 15),
            new FileEntry("lib/util.py", 23), new FileEntry("empty.txt", 0));

    /** JSON written with single quotes for readability. */
    private static byte[] json(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }

    private static String rejection(String singleQuoted) {
        return assertThrows(MetadataException.class, () -> MetadataCodec.parse(json(singleQuoted))).getMessage();
    }

    @Test
    void parsesTheProtocolExample() throws MetadataException {
        Metadata m = MetadataCodec.parse(PROTOCOL_EXAMPLE.getBytes(StandardCharsets.UTF_8));
        assertEquals(new Metadata(38, 38, EXAMPLE_FILES), m);
        assertEquals(76, m.spaceNeeded());
    }

    @Test
    void ignoresUnknownKeysAtEveryLevelIncludingTheReferenceFullPath() throws MetadataException {
        Metadata m = MetadataCodec.parse(json("{'version': 2, 'compressed_size': 38, 'extra': {'a': [1, {'b': null}]},"
                + " 'total_uncompressed': 38, 'files': ["
                + "{'path': 'main.py', 'size': 15, 'full_path': '/home/dev/project/src/main.py', 'sha256': 'ab'},"
                + "{'full_path': 'C:\\\\src\\\\lib\\\\util.py', 'path': 'lib/util.py', 'size': 23, 'mode': [7, 5, 5]},"
                + "{'path': 'empty.txt', 'size': 0, 'nested': {'deeper': {'deepest': true}}}]}"));
        assertEquals(new Metadata(38, 38, EXAMPLE_FILES), m);
    }

    @Test
    void writesCompactlyWithoutFullPath() {
        String written = new String(MetadataCodec.write(new Metadata(38, 38, EXAMPLE_FILES)), StandardCharsets.UTF_8);
        assertEquals("{\"compressed_size\":38,\"total_uncompressed\":38,\"files\":[{\"path\":\"main.py\",\"size\":15},"
                + "{\"path\":\"lib/util.py\",\"size\":23},{\"path\":\"empty.txt\",\"size\":0}]}", written);
        assertFalse(written.contains("full_path"));
    }

    private static final String DIGEST = "a3c1b4e2f00d9e8d7c6b5a493827160f0e1d2c3b4a5968778695a4b3c2d1e0f9";

    @Test
    void writesTheContentDigestAfterTheFilesAndReadsItBack() throws MetadataException {
        Metadata m = new Metadata(38, 38, EXAMPLE_FILES).withContentSha256(DIGEST);
        byte[] bytes = MetadataCodec.write(m);
        assertEquals("{\"compressed_size\":38,\"total_uncompressed\":38,\"files\":[{\"path\":\"main.py\",\"size\":15},"
                + "{\"path\":\"lib/util.py\",\"size\":23},{\"path\":\"empty.txt\",\"size\":0}],"
                + "\"content_sha256\":\"" + DIGEST + "\"}", new String(bytes, StandardCharsets.UTF_8));
        assertEquals(84, bytes.length - MetadataCodec.write(new Metadata(38, 38, EXAMPLE_FILES)).length,
                "the extension adds 84 bytes");
        assertEquals(m, MetadataCodec.parse(bytes));
        assertEquals(java.util.Optional.of(DIGEST), MetadataCodec.parse(bytes).contentSha256());
    }

    @Test
    void withoutTheKeyThereIsNoContentDigest() throws MetadataException {
        assertEquals(java.util.Optional.empty(),
                MetadataCodec.parse(PROTOCOL_EXAMPLE.getBytes(StandardCharsets.UTF_8)).contentSha256());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "'A3C1B4E2F00D9E8D7C6B5A493827160F0E1D2C3B4A5968778695A4B3C2D1E0F9'| received 'A3C1B4E2F00D9E8D7C6B5A493827160F0E1D2C3B4A5968778695A4B3C2D1E0F9' (64 characters)",
        "'abc'| received 'abc' (3 characters)",
        "''| received '' (0 characters)",
        "'a3c1b4e2f00d9e8d7c6b5a493827160f0e1d2c3b4a5968778695a4b3c2d1e0f9a'| received 'a3c1b4e2f00d9e8d7c6b5a493827160f0e1d2c3b4a5968778695a4b3c2d1e0f9a' (65 characters)",
        "'g3c1b4e2f00d9e8d7c6b5a493827160f0e1d2c3b4a5968778695a4b3c2d1e0f9'| received 'g3c1b4e2f00d9e8d7c6b5a493827160f0e1d2c3b4a5968778695a4b3c2d1e0f9' (64 characters)",
        "12345| received an integer 12345",
        "null| received null",
        "true| received a boolean true",
        "['ab']| received a list [\"ab\"]",
    })
    void rejectsAContentDigestThatIsNotSixtyFourLowercaseHexCharacters(String value, String received) {
        assertEquals("'content_sha256' must be a string of 64 lowercase hex characters (the SHA-256 of the files'"
                + " content), " + received,
                rejection("{'compressed_size': 0, 'total_uncompressed': 0, 'files': [], 'content_sha256': "
                        + value + "}"));
    }

    @Test
    void metadataRefusesToCarryADigestOfAnotherForm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Metadata(0, 0, List.of()).withContentSha256(DIGEST.toUpperCase()));
        assertTrue(e.getMessage().startsWith("content SHA-256 must be 64 lowercase hex characters"), e.getMessage());
    }

    @Test
    void writesNonAsciiPathsAsUtf8AndReadsThemBack() throws MetadataException {
        Metadata m = Metadata.of(5, List.of(new FileEntry("données/été.py", 3), new FileEntry("a \"q\" b", 2)));
        byte[] bytes = MetadataCodec.write(m);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.contains("\"données/été.py\""), text);
        assertEquals(m, MetadataCodec.parse(bytes));
    }

    @Test
    void anEmptyUpdateIsValid() throws MetadataException {
        assertEquals(new Metadata(0, 0, List.of()),
                MetadataCodec.parse(json("{'compressed_size': 0, 'total_uncompressed': 0, 'files': []}")));
    }

    @Test
    void rejectsWhatIsNotAJsonObject() {
        assertEquals("metadata is empty; expected a JSON object",
                assertThrows(MetadataException.class, () -> MetadataCodec.parse(new byte[0])).getMessage());
        assertTrue(rejection("{'compressed_size': 38").startsWith("metadata is not valid JSON: "));
        assertTrue(rejection("{'compressed_size': 1, 'total_uncompressed': 0, 'files': []} {}")
                .startsWith("metadata is not valid JSON: "), "trailing JSON after the object");
        assertTrue(rejection("{'compressed_size': 1, 'compressed_size': 2, 'total_uncompressed': 0, 'files': []}")
                .contains("compressed_size"), "a key given twice");
        assertEquals("metadata must be a JSON object, received a list", rejection("[]"));
        assertEquals("metadata must be a JSON object, received null", rejection("null"));
        assertEquals("metadata must be a JSON object, received a string", rejection("'files'"));
        byte[] latin1 = "{\"compressed_size\": 0, \"total_uncompressed\": 0, \"files\": [], \"x\": \"\u00e9\"}"
                .getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(assertThrows(MetadataException.class, () -> MetadataCodec.parse(latin1)).getMessage()
                .startsWith("metadata is not valid JSON: "), "not UTF-8");
    }

    @Test
    void refusesDeepNestingBeforeItCostsStack() {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        String message = rejection("{'compressed_size': 0, 'total_uncompressed': 0, 'files': [], 'x': " + deep + "}");
        assertTrue(message.startsWith("metadata is not valid JSON: "), message);
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "{'total_uncompressed': 0, 'files': []}"
            + "|metadata is missing the key 'compressed_size'",
        "{'compressed_size': 0, 'files': []}"
            + "|metadata is missing the key 'total_uncompressed'",
        "{'compressed_size': 0, 'total_uncompressed': 0}"
            + "|metadata is missing the key 'files'",
        "{'compressed_size': 0, 'total_uncompressed': 0, 'files': {}}"
            + "|'files' must be a list, received an object",
        "{'compressed_size': '38', 'total_uncompressed': 0, 'files': []}"
            + "|'compressed_size' must be a whole number of bytes, received a string '38'",
        "{'compressed_size': 38.0, 'total_uncompressed': 0, 'files': []}"
            + "|'compressed_size' must be a whole number of bytes, received a fractional number 38.0",
        "{'compressed_size': -1, 'total_uncompressed': 0, 'files': []}"
            + "|'compressed_size' must not be negative, received -1",
        "{'compressed_size': 1, 'total_uncompressed': null, 'files': []}"
            + "|'total_uncompressed' must be a whole number of bytes, received null",
        "{'compressed_size': 9223372036854775807, 'total_uncompressed': 0, 'files': []}"
            + "|'compressed_size' is too large: 9223372036854775807",
        "{'compressed_size': 1, 'total_uncompressed': 1, 'files': [{'path': 'a', 'size': 1.5}]}"
            + "|'files[0].size' must be a whole number of bytes, received a fractional number 1.5",
        "{'compressed_size': 1, 'total_uncompressed': 1, 'files': [{'path': 'a', 'size': true}]}"
            + "|'files[0].size' must be a whole number of bytes, received a boolean true",
        "{'compressed_size': 1, 'total_uncompressed': 1, 'files': [{'path': 'a', 'size': '1'}]}"
            + "|'files[0].size' must be a whole number of bytes, received a string '1'",
        "{'compressed_size': 1, 'total_uncompressed': 0, 'files': [{'path': 'a', 'size': 2}, {'path': 'b', 'size': -2}]}"
            + "|'files[1].size' must not be negative, received -2",
        "{'compressed_size': 1, 'total_uncompressed': 1, 'files': [{'path': 'a'}]}"
            + "|metadata is missing the key 'files[0].size'",
        "{'compressed_size': 1, 'total_uncompressed': 10, 'files': [{'path': 'a', 'size': 5}, {'path': 'b', 'size': 10}]}"
            + "|'total_uncompressed' is 10 but the file sizes add up to 15",
        "{'compressed_size': 1, 'total_uncompressed': 0, 'files': ['main.py']}"
            + "|files[0] must be an object, received a string",
        "{'compressed_size': 1, 'total_uncompressed': 0, 'files': [{'size': 0}]}"
            + "|files[0] is missing the key 'path'",
        "{'compressed_size': 1, 'total_uncompressed': 0, 'files': [{'path': 7, 'size': 0}]}"
            + "|files[0].path must be a string, received an integer",
        "{'compressed_size': 1, 'total_uncompressed': 0, 'files': [{'path': ['a'], 'size': 0}]}"
            + "|files[0].path must be a string, received a list",
    })
    void rejectsBadKeysNamingTheKey(String singleQuoted, String message) {
        assertEquals(message, rejection(singleQuoted).replace('"', '\''));
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "``|files[0].path '': path is empty",
        "/main.py|files[0].path '/main.py': path is absolute; it must be relative to the device's root",
        "C:/boot.py|files[0].path 'C:/boot.py': path starts with a drive letter; it must be relative to the device's root",
        "lib\\\\util.py|files[0].path 'lib\\util.py': path contains a backslash; use '/' to separate folders",
        "../boot.py|files[0].path '../boot.py': path has a '..' segment",
        "lib/../../etc/passwd|files[0].path 'lib/../../etc/passwd': path has a '..' segment",
        "./main.py|files[0].path './main.py': path has a '.' segment",
        "lib//util.py|files[0].path 'lib//util.py': path has an empty segment ('//' or a trailing '/')",
        "lib/|files[0].path 'lib/': path has an empty segment ('//' or a trailing '/')",
        "a\\u0000b|files[0].path 'a\\u0000b': path contains the control character U+0000",
        "a\\nb|files[0].path 'a\\u000ab': path contains the control character U+000A",
        "a\\u007fb|files[0].path 'a\\u007fb': path contains the control character U+007F",
    })
    void rejectsBadPathsNamingTheProblem(String jsonPath, String message) {
        String doc = "{\"compressed_size\": 1, \"total_uncompressed\": 0, \"files\": [{\"path\": \"" + jsonPath
                + "\", \"size\": 0}]}";
        MetadataException e = assertThrows(MetadataException.class,
                () -> MetadataCodec.parse(doc.getBytes(StandardCharsets.UTF_8)));
        assertEquals(message, e.getMessage());
    }

    @Test
    void rejectsOverlongNames() {
        String path = "lib/" + "n".repeat(DevicePath.MAX_NAME_BYTES + 1);
        assertEquals("files[0].path '" + path.substring(0, 120) + "...': path has a name longer than 255 bytes",
                rejection("{'compressed_size': 1, 'total_uncompressed': 0, 'files': [{'path': '" + path
                        + "', 'size': 0}]}"));
        assertTrue(DevicePath.problem("n".repeat(DevicePath.MAX_NAME_BYTES)).isEmpty(), "255 bytes is allowed");
        assertEquals("path has a name longer than 255 bytes",
                DevicePath.problem("\u00e9".repeat(128)).orElseThrow(), "names count UTF-8 bytes");
        assertEquals("path is longer than 4096 bytes",
                DevicePath.problem("abcdefg/".repeat(512) + "x").orElseThrow());
    }

    @Test
    void rejectsAPathListedTwice() {
        assertEquals("path 'lib/util.py' is listed twice", rejection("{'compressed_size': 1, 'total_uncompressed': 3,"
                + " 'files': [{'path': 'lib/util.py', 'size': 1}, {'path': 'main.py', 'size': 1},"
                + " {'path': 'lib/util.py', 'size': 1}]}"));
    }

    @Test
    void rejectsAPathThatIsBothAFileAndAFolderInEitherOrder() {
        assertEquals("path 'lib' is a file and also the folder of 'lib/util.py'", rejection("{'compressed_size': 1,"
                + " 'total_uncompressed': 2, 'files': [{'path': 'lib', 'size': 1}, {'path': 'lib/util.py', 'size': 1}]}"));
        assertEquals("path 'a/b' is a file and also the folder of 'a/b/c/d.py'", rejection("{'compressed_size': 1,"
                + " 'total_uncompressed': 2, 'files': [{'path': 'a/b/c/d.py', 'size': 1}, {'path': 'a/b', 'size': 1}]}"));
    }

    @Test
    void namesThatOnlyLookAlikeAreDistinct() throws MetadataException {
        Metadata m = MetadataCodec.parse(json("{'compressed_size': 1, 'total_uncompressed': 0, 'files': ["
                + "{'path': 'lib', 'size': 0}, {'path': 'lib.py', 'size': 0}, {'path': 'libx/a', 'size': 0},"
                + " {'path': '...', 'size': 0}, {'path': '.hidden', 'size': 0}]}"));
        assertEquals(5, m.files().size());
    }

    @Test
    void readTreeIsLenientAboutTheSchemaButNotAboutJson() throws MetadataException {
        assertEquals("x", MetadataCodec.readTree(json("{'files': 'x'}")).get("files").textValue());
        assertThrows(MetadataException.class, () -> MetadataCodec.readTree(json("{'files': ")));
    }

    @Test
    void metadataOfSumsTheSizes() {
        Metadata m = Metadata.of(38, EXAMPLE_FILES);
        assertEquals(38, m.totalUncompressed());
        assertThrows(IllegalArgumentException.class, () -> new FileEntry("a", -1));
    }
}
