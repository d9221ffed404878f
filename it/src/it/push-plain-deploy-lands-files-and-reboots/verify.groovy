// mvn deploy: ota:push at its default binding lands every file, the board answers UPDATE_SUCCESS and reboots once.
def checks = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'ItChecks.groovy'))

File sources = new File(basedir, 'src/main/micropython')
File board = new File(basedir, 'target/ota-device')
checks.boardMirrors(board, sources)

def transcript = checks.transcript(new File(basedir, 'target/device-transcript.jsonl'))
assert checks.events(transcript, 'connect').size() == 1
assert checks.replies(transcript) == ['OK', 'OK', 'OK', 'UPDATE_SUCCESS']
assert checks.events(transcript, 'file_written').collect { it.path } == ['boot.py', 'main.py', 'lib/blink.py']
def reboots = checks.events(transcript, 'reboot')
assert reboots.size() == 1
assert reboots[0].after_session == 1 && reboots[0].online == true

String log = checks.buildLog(basedir)
// The push ran in the deploy phase, after the (skipped) deploy of the artifact, at its default execution.
assert log =~ /(ota-maven-plugin|ota):[^:]+:push \(default\) @ push-plain-deploy-lands-files-and-reboots/
checks.logSays(log, 'Pushed 3 files to 127.0.0.1:', 'The board answered UPDATE_SUCCESS and is rebooting.',
        '[device] Rebooting...', 'BUILD SUCCESS')
int deploySkipped = log.indexOf('Skipping artifact deployment')
assert deploySkipped >= 0 && deploySkipped < log.indexOf(':push (default)')
checks.logNeverSays(log, 'it-board-secret')
true
