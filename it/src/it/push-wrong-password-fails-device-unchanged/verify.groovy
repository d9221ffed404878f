// Refused three times: nothing written, no reboot, the words of the failure, and no password in the log.
def checks = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'ItChecks.groovy'))

checks.boardMirrors(new File(basedir, 'target/ota-device'), new File(basedir, 'board-before'))

def transcript = checks.transcript(new File(basedir, 'target/device-transcript.jsonl'))
def auth = checks.events(transcript, 'auth')
assert auth.size() == 3 && auth.every { it.accepted == false }
assert checks.replies(transcript) == ['AUTH_FAIL', 'AUTH_FAIL', 'AUTH_FAIL']
assert checks.events(transcript, 'length').isEmpty()
assert checks.events(transcript, 'file_written').isEmpty()
assert checks.events(transcript, 'reboot').isEmpty()

String log = checks.buildLog(basedir)
checks.logSays(log, "OTA push failed while authenticating: the device refused the password (AUTH_FAIL 3 times)."
        + " Check the password (-Dota.password, or the <server> 'ota' of settings.xml chosen by -Dota.serverId): it"
        + " must be the board's OTA_PASSWORD; a previous push may have changed it (a pushed ota_config.json or"
        + " config.py sets OTA_PASSWORD at the board's next boot).", 'BUILD FAILURE')
checks.logNeverSays(log, 'not-the-board-password', 'it-board-secret', 'Pushed ')
true
