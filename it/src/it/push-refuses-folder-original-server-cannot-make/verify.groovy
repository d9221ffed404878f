// Issue 15: the client knows the file list in advance; a board running the original server would write main.py,
// then fail at lib/données (one mkdir per folder). The push refuses before sending anything.
def checks = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'ItChecks.groovy'))

assert checks.files(new File(basedir, 'target/ota-device')).isEmpty(): 'the board is left as it was'
File transcriptFile = new File(basedir, 'target/device-transcript.jsonl')
if (transcriptFile.isFile()) {
    assert checks.replies(checks.transcript(transcriptFile)).isEmpty(): 'no client reached the board'
}

String log = checks.buildLog(basedir)
checks.logSays(log, 'lib/données/capteur.py needs the folder lib/données inside lib, which has no file of its own'
        + ' in this update and was not made by an earlier push recorded here: a board running the original OTA'
        + ' server creates one folder level at a time, so it would write the files before it and then fail, half'
        + ' updated. Nothing was sent. Put a file directly in lib (an empty lib/__init__.py will do), or install'
        + ' our server on the board (mvn ota:install-server, then -Dota.profile=hardened); -Dota.force=true pushes'
        + ' anyway.', 'BUILD FAILURE')
checks.logNeverSays(log, 'Pushing 2 files')
true
