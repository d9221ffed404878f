// Two builds, two boards' lives on one folder: the second push carries the edited main.py.
def checks = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'ItChecks.groovy'))

File sources = new File(basedir, 'src/main/micropython')
File board = new File(basedir, 'target/ota-device')
assert new File(sources, 'main.py').bytes == new File(basedir, 'edits/main.py').bytes: 'the edit was not applied'
checks.boardMirrors(board, sources)
assert new File(board, 'main.py').getText('UTF-8').startsWith('VERSION = 2')

def transcript = checks.transcript(new File(basedir, 'target/device-transcript.jsonl'))
assert checks.events(transcript, 'boot').collect { it.boot } == [1, 2, 1, 2]
assert checks.events(transcript, 'connect').size() == 2
assert checks.replies(transcript).findAll { it == 'UPDATE_SUCCESS' }.size() == 2
assert checks.events(transcript, 'reboot').size() == 2
def sizes = checks.events(transcript, 'file_written').findAll { it.path == 'main.py' }.collect { it.size }
assert sizes.size() == 2 && sizes[0] != sizes[1] && sizes[1] == new File(basedir, 'edits/main.py').length()

String log = checks.buildLog(basedir)
checks.logSays(log, 'The board answered UPDATE_SUCCESS and is rebooting.',
        // Issue 15: the record of the first push (target/ota-pushes) says what the second one changes.
        '1 file changed, 2 unchanged, 0 no longer in the project (still on the board)')
true
