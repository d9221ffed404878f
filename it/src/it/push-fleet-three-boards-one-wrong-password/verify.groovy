// Three boards, board c with its own password: a and b updated, c refused the password and kept nothing; the table,
// the JSON report and the failure name c and the phase.
import groovy.json.JsonSlurper

def checks = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'ItChecks.groovy'))

File sources = new File(basedir, 'src/main/micropython')
['a', 'b'].each { b ->
    checks.boardMirrors(new File(basedir, "target/board-${b}"), sources)
    def t = checks.transcript(new File(basedir, "target/board-${b}.jsonl"))
    assert checks.replies(t) == ['OK', 'OK', 'OK', 'UPDATE_SUCCESS']
}
assert checks.files(new File(basedir, 'target/board-c')).isEmpty()
def c = checks.transcript(new File(basedir, 'target/board-c.jsonl'))
assert checks.replies(c) == ['AUTH_FAIL', 'AUTH_FAIL', 'AUTH_FAIL']
assert checks.events(c, 'file_written').isEmpty()

String log = checks.buildLog(basedir)
def port = { b -> (log =~ /board\.${b}\.port=(\d+)/)[0][1] }
String a = "127.0.0.1:${port('a')}", bb = "127.0.0.1:${port('b')}", cc = "127.0.0.1:${port('c')}"
checks.logSays(log, "Pushing 3 files (", " to 3 boards, 4 at a time, 1 canary first, stopping after more than 0 failed",
        "${a}: pushing (canary)", "${cc}: FAILED while authenticating",
        '2 of 3 boards updated, 1 failed, 0 skipped, in ',
        "OTA push failed on 1 of 3 boards: ${cc} (authenticating). The table above and ", 'BUILD FAILURE')
// The table: a header and one row per board, in the order given.
assert log =~ /\[INFO\] board +result +phase +bytes +time/
assert log =~ /\[INFO\] ${java.util.regex.Pattern.quote(a)} +ok +\d+ +[\d.]+ m?s/
assert log =~ /\[INFO\] ${java.util.regex.Pattern.quote(bb)} +ok +\d+ +[\d.]+ m?s/
assert log =~ /\[INFO\] ${java.util.regex.Pattern.quote(cc)} +FAILED +authenticating +0 +[\d.]+ m?s/
checks.logNeverSays(log, 'fleet-secret', 'board-c-own-secret')

def report = new JsonSlurper().parse(new File(basedir, 'target/ota-push-report.json'))
assert report.counts == [boards: 3, succeeded: 2, failed: 1, skipped: 0]
assert report.boards.collect { [it.board, it.result, it.phase] } ==
        [[a, 'succeeded', null], [bb, 'succeeded', null], [cc, 'failed', 'authentication']]
assert report.boards[0].canary == true && report.boards[1].canary == false
assert report.payload.files == 3
true
