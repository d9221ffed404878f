// Every byte of every file, under its exact (UTF-8) name, and nothing else: no staging folder stays behind.
def checks = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'ItChecks.groovy'))

File sources = new File(basedir, 'src/main/micropython')
File board = new File(basedir, 'target/ota-device')
def expected = ['main.py', 'empty.txt', 'données/été 2024.txt', 'lib/my module.py', 'firmware/every-byte.bin',
        'firmware/large.bin', 'firmware/empty.bin']
assert new File(sources, 'firmware/large.bin').length() == 1024 * 1024
checks.boardHoldsExactly(board, sources, expected)
assert new File(board, 'empty.txt').length() == 0 && new File(board, 'firmware/empty.bin').length() == 0

def transcript = checks.transcript(new File(basedir, 'target/device-transcript.jsonl'))
def written = checks.events(transcript, 'file_written').collect { it.path }
assert written.toSorted() == expected.toSorted()
assert checks.replies(transcript).last() == 'UPDATE_SUCCESS'
assert checks.events(transcript, 'reboot').size() == 1

String log = checks.buildLog(basedir)
checks.logSays(log, 'Pushed 7 files to 127.0.0.1:', 'The board answered UPDATE_SUCCESS and is rebooting.',
        '[device] Wrote données/été 2024.txt', '[device] Wrote lib/my module.py')
true
