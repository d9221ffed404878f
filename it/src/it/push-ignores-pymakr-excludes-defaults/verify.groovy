// Only main.py, lib/util.py and pymakr.conf itself (sent, as the reference client does) reach the board.
def checks = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'ItChecks.groovy'))

File sources = new File(basedir, 'src/main/micropython')
File board = new File(basedir, 'target/ota-device')
def ignored = ['tests/test_util.py', 'lib/secret_key.py', 'README.md', 'docs/wiring.md', '.gitignore', '.DS_Store',
        'main.py~', '__pycache__/main.cpython-311.pyc', 'lib/__pycache__/util.cpython-311.pyc', '.git/HEAD']
ignored.each { assert new File(sources, it).isFile(): "the setup did not make ${it}" }
checks.boardHoldsExactly(board, sources, ['main.py', 'lib/util.py', 'pymakr.conf'])

def transcript = checks.transcript(new File(basedir, 'target/device-transcript.jsonl'))
assert checks.events(transcript, 'metadata')[0].files == 3
assert checks.events(transcript, 'file_written').collect { it.path }.toSorted() == ['lib/util.py', 'main.py', 'pymakr.conf']
assert checks.replies(transcript).last() == 'UPDATE_SUCCESS'

String log = checks.buildLog(basedir)
checks.logSays(log, 'Pushing 3 files', 'The board answered UPDATE_SUCCESS and is rebooting.')
true
