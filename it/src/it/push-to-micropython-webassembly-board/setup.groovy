// Starts the board: our MicroPython OTA server under MicroPython's WebAssembly build (ota-board-server's Node
// harness) on a free loopback port, and hands that port to the build through .mvn/maven.config.
//
// The harness serves one connection (--once) and exits; a watchdog kills it if the build never connects, and a
// shutdown hook if this JVM ends first, so that it cannot outlive the test. verify.groovy waits for it to end.
import java.nio.charset.StandardCharsets
import java.util.concurrent.CountDownLatch
import java.util.concurrent.TimeUnit
import java.util.concurrent.atomic.AtomicInteger

def checks = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'ItChecks.groovy'))

final String PASSWORD = 'it-micropython-secret'
final long READY_SECONDS = 60
// Shorter than the invoker's timeoutInSeconds (300), longer than any push into the harness.
final long LIFETIME_SECONDS = 290

// Binary content is made here, deterministically, rather than committed.
File src = new File(basedir, 'src/main/micropython')
new File(src, 'assets').mkdirs()
new File(src, 'assets/every-byte.bin').bytes = (0..<256).collect { (byte) it } as byte[]
new File(src, 'assets/noise.bin').bytes = checks.pseudoRandom(8 * 1024, 8266L)
new File(src, 'assets/empty.bin').bytes = new byte[0]

// The it module's projects are cloned to it/target/it/<name>: the repository root is four levels up.
File nodeDir = new File(basedir, '../../../../ota-board-server/src/test/node').canonicalFile
File harness = new File(nodeDir, 'ota-harness.mjs')
assert harness.isFile(): "no MicroPython harness at ${harness}"
File micropython = new File(nodeDir, 'node_modules/@micropython/micropython-webassembly-pyscript/package.json')
assert micropython.isFile(): "MicroPython's WebAssembly build is not installed in ${nodeDir}/node_modules;" +
        " install it from the repository root with: npm ci --prefix ota-board-server/src/test/node"

File target = new File(basedir, 'target')
File boardRoot = new File(target, 'micropython-board')
boardRoot.mkdirs()
File harnessLog = new File(target, 'harness.log')
File harnessExit = new File(target, 'harness.exit')

Process process
try {
    process = new ProcessBuilder('node', harness.path, '--password', PASSWORD, '--port', '0',
            '--root', boardRoot.path, '--once')
            .directory(nodeDir).redirectErrorStream(true).start()
} catch (IOException e) {
    throw new IllegalStateException("cannot start Node.js ('node' on the PATH), which runs the MicroPython" +
            " harness: ${e.message}", e)
}

Thread killer = new Thread({ if (process.isAlive()) process.destroyForcibly() } as Runnable)
Runtime.runtime.addShutdownHook(killer)

CountDownLatch ready = new CountDownLatch(1)
AtomicInteger port = new AtomicInteger(-1)
// verify.groovy finds this thread by its name and joins it: it ends once the harness has exited and its whole
// output is in harness.log and its exit code in harness.exit.
Thread pump = new Thread({
    harnessLog.withWriter('UTF-8') { out ->
        process.inputStream.newReader('UTF-8').eachLine { line ->
            out.write(line + '\n')
            out.flush()
            def m = line =~ /^READY (\d+)$/
            if (m.matches()) {
                port.set(m.group(1) as int)
                ready.countDown()
            }
        }
    }
    int code = process.waitFor()
    File temp = new File(target, 'harness.exit.tmp')
    temp.setText("${code}\n", 'UTF-8')
    temp.renameTo(harnessExit)
    ready.countDown()
    try {
        Runtime.runtime.removeShutdownHook(killer)
    } catch (IllegalStateException ignored) {
        // the JVM is shutting down already; the hook kills nothing that still runs
    }
} as Runnable, "ota-it-harness:${basedir.canonicalPath}")
pump.daemon = true
pump.start()

Thread watchdog = new Thread({
    if (!process.waitFor(LIFETIME_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly()
    }
} as Runnable, "ota-it-harness-watchdog:${basedir.canonicalPath}")
watchdog.daemon = true
watchdog.start()

if (!ready.await(READY_SECONDS, TimeUnit.SECONDS) || port.get() < 0) {
    process.destroyForcibly()
    pump.join(TimeUnit.SECONDS.toMillis(10))
    throw new IllegalStateException("the MicroPython harness printed no READY <port> within ${READY_SECONDS} s:\n" +
            (harnessLog.isFile() ? harnessLog.getText('UTF-8') : '(no output)'))
}

// Maven reads .mvn/maven.config from the project's folder (the working folder of the invoker's mvn).
File mvnDir = new File(basedir, '.mvn')
mvnDir.mkdirs()
new File(mvnDir, 'maven.config').setText("-Dota.port=${port.get()}\n", StandardCharsets.UTF_8.name())
true
