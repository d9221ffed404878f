import groovy.json.JsonSlurper

import java.nio.file.Files
import java.nio.file.Path

/**
 * What the verify scripts check from the outside: the board's folder against the sources byte for byte, the
 * board's JSON-lines transcript, and the words of the build log. Loaded by each verify.groovy from the
 * itSupport script variable.
 */
class ItChecks {

    /** The sentence that ota:check and the board's log give for a folder the reference server cannot create. */
    static String oneLevelReason(String folder, String file, String missingParent) {
        "cannot create folder ${folder} for ${file}: the reference server creates one folder level at a time" +
                " and ${missingParent} does not exist"
    }

    /** The regular files under {@code root}, as '/'-separated relative paths, sorted. */
    static List<String> files(File root) {
        Path base = root.toPath()
        if (!Files.isDirectory(base)) {
            return []
        }
        Files.walk(base).withCloseable { walk ->
            walk.filter { Files.isRegularFile(it) }
                    .collect { base.relativize(it).toString().replace(File.separatorChar, '/' as char) }
                    .sort()
        }
    }

    /** The folders under {@code root} (not root itself), as '/'-separated relative paths, sorted. */
    static List<String> folders(File root) {
        Path base = root.toPath()
        if (!Files.isDirectory(base)) {
            return []
        }
        Files.walk(base).withCloseable { walk ->
            walk.filter { Files.isDirectory(it) && it != base }
                    .collect { base.relativize(it).toString().replace(File.separatorChar, '/' as char) }
                    .sort()
        }
    }

    /**
     * The board holds exactly {@code paths} (no other file, no other folder: the runtime keeps no staging or
     * payload file behind), each one byte-for-byte equal to the file of the same path under {@code sources}.
     */
    static void boardHoldsExactly(File board, File sources, Collection<String> paths) {
        List<String> expected = (paths as List<String>).toSorted()
        List<String> onBoard = files(board)
        assert onBoard == expected: "the board holds ${onBoard}, expected ${expected}"
        Set<String> expectedFolders = new TreeSet<>()
        expected.each { p ->
            String[] parts = p.split('/')
            for (int i = 1; i < parts.length; i++) {
                expectedFolders << parts[0..<i].join('/')
            }
        }
        List<String> foldersOnBoard = folders(board)
        assert foldersOnBoard == expectedFolders as List: "the board has folders ${foldersOnBoard}, expected ${expectedFolders}"
        expected.each { p ->
            byte[] want = new File(sources, p).bytes
            byte[] got = new File(board, p).bytes
            assert got.length == want.length: "${p}: ${got.length} bytes on the board, ${want.length} in the sources"
            assert Arrays.equals(got, want): "${p}: same size but different bytes on the board"
        }
    }

    /** The board holds exactly the files of {@code sources} (every one of them), byte for byte. */
    static void boardMirrors(File board, File sources) {
        assert !files(sources).isEmpty(): "no files under ${sources}"
        boardHoldsExactly(board, sources, files(sources))
    }

    /** The events of a JSON-lines transcript, in order. */
    static List<Map> transcript(File jsonl) {
        assert jsonl.isFile(): "no transcript at ${jsonl}"
        JsonSlurper json = new JsonSlurper()
        jsonl.readLines('UTF-8').findAll { it.trim() }.collect { json.parseText(it) as Map }
    }

    static List<Map> events(List<Map> transcript, String type) {
        transcript.findAll { it.event == type }
    }

    /** The words that the board sent, in order. */
    static List<String> replies(List<Map> transcript) {
        events(transcript, 'reply').collect { it.reply as String }
    }

    static String buildLog(File basedir) {
        File log = new File(basedir, 'build.log')
        assert log.isFile(): "no build.log in ${basedir}"
        log.getText('UTF-8')
    }

    static void logSays(String log, String... words) {
        words.each { w -> assert log.contains(w): "the build log does not say: ${w}" }
    }

    static void logNeverSays(String log, String... words) {
        words.each { w -> assert !log.contains(w): "the build log says what it must not: ${w}" }
    }

    /** The lines of the build log that start with {@code [INFO] [device] } (the board's console), unprefixed. */
    static List<String> boardConsole(String log) {
        log.readLines().findAll { it.startsWith('[INFO] [device] ') }.collect { it.substring('[INFO] [device] '.length()) }
    }

    /** Deterministic bytes (a 32-bit LCG), so that generated files are the same at every run. */
    static byte[] pseudoRandom(int size, long seed) {
        byte[] b = new byte[size]
        long x = seed
        for (int i = 0; i < size; i++) {
            x = (x * 1103515245L + 12345L) & 0xffffffffL
            b[i] = (byte) (x >>> 16)
        }
        b
    }

    /** Copies the tree {@code from} into {@code to} (created), e.g. a board's files before the update. */
    static void copyTree(File from, File to) {
        Path src = from.toPath()
        Files.walk(src).withCloseable { walk ->
            walk.each { p ->
                Path target = to.toPath().resolve(src.relativize(p).toString())
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target)
                } else {
                    Files.copy(p, target)
                }
            }
        }
    }
}
