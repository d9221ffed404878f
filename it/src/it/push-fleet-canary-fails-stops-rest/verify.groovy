// The canary (board a) refused the password: boards b and c saw no connection at all, and the build failed.
import groovy.json.JsonSlurper

def checks = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'ItChecks.groovy'))

def a = checks.transcript(new File(basedir, 'target/board-a.jsonl'))
assert checks.replies(a) == ['AUTH_FAIL', 'AUTH_FAIL', 'AUTH_FAIL']
['b', 'c'].each { b ->
    File t = new File(basedir, "target/board-${b}.jsonl")
    assert !t.isFile() || checks.events(checks.transcript(t), 'connect').isEmpty(): "board ${b} was connected to"
    assert checks.files(new File(basedir, "target/board-${b}")).isEmpty()
}

String log = checks.buildLog(basedir)
def port = { b -> (log =~ /board\.${b}\.port=(\d+)/)[0][1] }
String aa = "127.0.0.1:${port('a')}", bb = "127.0.0.1:${port('b')}", cc = "127.0.0.1:${port('c')}"
checks.logSays(log, "${aa}: pushing (canary)", "${aa}: FAILED while authenticating",
        "Stopping the fleet push: canary ${aa} failed; 2 boards not started",
        '0 of 3 boards updated, 1 failed, 2 skipped, in ',
        "OTA push failed on 1 of 3 boards: ${aa} (authenticating); 2 not started (canary ${aa} failed).",
        'BUILD FAILURE')
assert log =~ /\[INFO\] ${java.util.regex.Pattern.quote(bb)} +skipped +- +-/
assert log =~ /\[INFO\] ${java.util.regex.Pattern.quote(cc)} +skipped +- +-/
checks.logNeverSays(log, "${bb}: pushing", "${cc}: pushing")

def report = new JsonSlurper().parse(new File(basedir, 'target/ota-push-report.json'))
assert report.counts == [boards: 3, succeeded: 0, failed: 1, skipped: 2]
assert report.boards.collect { [it.board, it.result] } == [[aa, 'failed'], [bb, 'skipped'], [cc, 'skipped']]
assert report.boards[1].message == "not started: canary ${aa} failed".toString()
true
