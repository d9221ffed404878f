// Protocol v2 between our plugin and the hardened runtime: the second push is a delta (1 sent, 1 unchanged,
// 1 removed), shown in the build log, and the board ends up holding exactly the second project.
def checks = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'ItChecks.groovy'))

File board = new File(basedir, 'target/ota-device')
File second = new File(basedir, 'src/second')
assert new File(board, 'main.py').getText('UTF-8').startsWith('VERSION = 2'): 'the edit did not land'
assert new File(board, 'lib/util.py').bytes == new File(second, 'lib/util.py').bytes
assert !new File(board, 'old.py').exists(): 'old.py, installed by the first push and dropped, was not removed'

def transcript = checks.transcript(new File(basedir, 'target/device-transcript.jsonl'))
assert checks.events(transcript, 'connect').size() == 2
// v2 sessions carry no v1 words at all: nothing was sent as plain v1.
assert checks.replies(transcript).isEmpty()
def written = checks.events(transcript, 'file_written').collect { it.path }
assert written.size() == 4 && written.take(3).toSorted() == ['lib/util.py', 'main.py', 'old.py'] &&
        written[3] == 'main.py': "files written: ${written}"
assert checks.events(transcript, 'reboot').size() == 2

String log = checks.buildLog(basedir)
checks.logSays(log, 'Delta push to 127.0.0.1:', '(protocol v2): 3 sent, 0 unchanged, 0 removed',
        '(protocol v2): 1 sent, 1 unchanged, 1 removed', '  sent    main.py', '  removed old.py', 'The board reboots')
true
