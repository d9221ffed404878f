// The board booted and listened, and no client ever connected: its folder is empty.
def checks = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'ItChecks.groovy'))

File board = new File(basedir, 'target/ota-device')
assert board.isDirectory()
assert checks.files(board).isEmpty() && checks.folders(board).isEmpty()

def transcript = checks.transcript(new File(basedir, 'target/device-transcript.jsonl'))
assert transcript.collect { it.event } == ['boot', 'listening']

String log = checks.buildLog(basedir)
checks.logSays(log, 'Skipping the OTA push (ota.skip)', 'Started the device runtime on 127.0.0.1:',
        'Stopped the device runtime on port ', 'BUILD SUCCESS')
checks.logNeverSays(log, 'Pushing ', '[device] Client connected')
true
