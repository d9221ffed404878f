// The push authenticated at the first attempt with the decrypted <server> password.
def checks = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'ItChecks.groovy'))

checks.boardMirrors(new File(basedir, 'target/ota-device'), new File(basedir, 'src/main/micropython'))

def transcript = checks.transcript(new File(basedir, 'target/device-transcript.jsonl'))
def auth = checks.events(transcript, 'auth')
assert auth.size() == 1 && auth[0].accepted == true
assert checks.replies(transcript).last() == 'UPDATE_SUCCESS'

String log = checks.buildLog(basedir)
checks.logSays(log, "password from <server> 'ota' in settings.xml", 'The board answered UPDATE_SUCCESS and is rebooting.')
checks.logNeverSays(log, 'board-pw-from-settings', 'it-master-passphrase')
true
