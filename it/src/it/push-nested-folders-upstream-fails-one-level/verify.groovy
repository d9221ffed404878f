// The reference server makes app/config/defaults with one mkdir, which fails: app/config does not exist.
def checks = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'ItChecks.groovy'))

File sources = new File(basedir, 'src/main/micropython')
// main.py comes first (a folder's own files before its subfolders) and stays written, as on a real board.
checks.boardHoldsExactly(new File(basedir, 'target/ota-device'), sources, ['main.py'])

def transcript = checks.transcript(new File(basedir, 'target/device-transcript.jsonl'))
assert checks.replies(transcript) == ['OK', 'OK', 'OK', 'FAIL']
assert checks.events(transcript, 'file_written').collect { it.path } == ['main.py']
String reason = checks.oneLevelReason('app/config/defaults', 'app/config/defaults/settings.json', 'app/config')
assert checks.events(transcript, 'close')[0].reason == reason
assert checks.events(transcript, 'reboot').isEmpty()

String log = checks.buildLog(basedir)
checks.logSays(log, '; pushing anyway (-Dota.force=true)', '[device] Update failed: ' + reason,
        'OTA push failed while sending the payload: the device answered FAIL after accepting the metadata',
        // The board sends only FAIL: the build's own message names the folder rule, the file and the way out.
        'If the board runs the reference OTA server, it creates one folder level at a time:'
                + ' app/config/defaults/settings.json fails there unless app/config is on the board already (add a'
                + " file to app/config, or see the board's own reason with mvn ota:check).",
        'BUILD FAILURE')
checks.logNeverSays(log, 'UPDATE_SUCCESS and is rebooting')
true
