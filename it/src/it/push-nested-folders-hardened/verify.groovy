// The hardened server creates the three levels of app/config/defaults and lib/vendor/sensors at once.
def checks = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'ItChecks.groovy'))

checks.boardMirrors(new File(basedir, 'target/ota-device'), new File(basedir, 'src/main/micropython'))

def transcript = checks.transcript(new File(basedir, 'target/device-transcript.jsonl'))
assert transcript[0].profile == 'hardened'
assert checks.replies(transcript) == ['OK', 'OK', 'OK', 'UPDATE_SUCCESS']
assert checks.events(transcript, 'reboot').size() == 1
// The plugin sent the content digest (PROTOCOL.md, "Extension: content digest") and the hardened board checked it:
// the SHA-256 of the files as written, concatenated in the order of the metadata.
File board = new File(basedir, 'target/ota-device')
def written = checks.events(transcript, 'file_written').collect { it.path }
assert written.size() == 4
def sha256 = java.security.MessageDigest.getInstance('SHA-256')
written.each { sha256.update(new File(board, it).bytes) }
assert checks.events(transcript, 'metadata')[0].content_sha256 == sha256.digest().encodeHex().toString()

String log = checks.buildLog(basedir)
checks.logSays(log, 'hardened profile', 'Pushed 4 files to 127.0.0.1:',
        'The board answered UPDATE_SUCCESS and is rebooting.', 'BUILD SUCCESS')
true
