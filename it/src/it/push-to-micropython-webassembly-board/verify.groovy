// mvn ota:install-server ota:push into our MicroPython server under MicroPython's WebAssembly build: the files
// that land in MicroPython's filesystem (mirrored to target/micropython-board after the session) are the
// sources byte for byte, the installed server included; the push saw UPDATE_SUCCESS; the board reset.
import java.util.concurrent.TimeUnit

def checks = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'ItChecks.groovy'))

// The harness (--once) exits after the session, once it has written MicroPython's filesystem back.
String pumpName = "ota-it-harness:${basedir.canonicalPath}"
Thread pump = Thread.allStackTraces.keySet().find { it.name == pumpName }
if (pump != null) {
    pump.join(TimeUnit.SECONDS.toMillis(60))
    assert !pump.alive: "the MicroPython harness did not exit within 60 s of the build's end"
}
File target = new File(basedir, 'target')
String harnessLog = new File(target, 'harness.log').getText('UTF-8')
File exit = new File(target, 'harness.exit')
assert exit.isFile(): "the MicroPython harness did not record its exit:\n${harnessLog}"
assert exit.getText('UTF-8').trim() == '0': "the MicroPython harness exited with ${exit.text.trim()}:\n${harnessLog}"
List<String> harnessLines = harnessLog.readLines()
assert harnessLines.contains('SESSION 1 updated'): "the harness did not report an updated session:\n${harnessLog}"
assert harnessLines.contains('RESET'): "the board did not reset after the update:\n${harnessLog}"

File sources = new File(basedir, 'src/main/micropython')
File board = new File(target, 'micropython-board')
// ota:install-server wrote the board server into the sources, exactly as ota-board-server has it.
File serverSources = new File(basedir, '../../../../ota-board-server/src/main/micropython').canonicalFile
List<String> server = checks.files(new File(serverSources, 'ota')).findAll { !it.contains('__pycache__') }
assert !server.isEmpty()
server.each { f ->
    assert Arrays.equals(new File(sources, "ota/${f}").bytes, new File(serverSources, "ota/${f}").bytes):
            "ota/${f} in the sources is not the board server's"
}
// MicroPython's filesystem holds exactly the sources: no other file, no staging folder left behind, except the
// list of the files that updates installed, which our server keeps for protocol v2 (docs/PROTOCOL.md, "Manifest").
File installed = new File(board, '.ota_installed.json')
assert installed.isFile(): 'the push went over protocol v2 and the board keeps no list of the files it installed'
assert (new groovy.json.JsonSlurper().parse(installed) as List).toSorted() == checks.files(sources):
        'the list of installed files is not the list of files pushed'
installed.delete()
checks.boardMirrors(board, sources)
assert checks.files(board).containsAll(['boot.py', 'ota_config.json', 'lib/drivers/bme280.py',
        'assets/every-byte.bin', 'assets/empty.bin'] + server.collect { "ota/${it}" as String })

String log = checks.buildLog(basedir)
int files = checks.files(sources).size()
// The settings file goes only because -Dota.pushSettings=true asks for it, and the build says what that means.
checks.logSays(log, '[WARNING] Pushing ota_config.json on request: it holds the board\'s WiFi and OTA passwords,'
        + ' which travel unencrypted')
// Our server speaks protocol v2: the push is negotiated, every file is new to the board, and it reboots.
checks.logSays(log, 'Wrote the OTA server in ', 'Delta push to 127.0.0.1:',
        "(protocol v2): ${files} sent, 0 unchanged, 0 removed", 'The board reboots; ', 'BUILD SUCCESS')
checks.logNeverSays(log, 'it-micropython-secret')
true
