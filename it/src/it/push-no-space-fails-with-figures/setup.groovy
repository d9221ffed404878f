// The board already holds version 1 of the code: its folder is filled before the device runtime starts.
def checks = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'ItChecks.groovy'))

checks.copyTree(new File(basedir, 'board-before'), new File(basedir, 'target/ota-device'))
// A day of sensor readings: more than the board has room for.
File data = new File(basedir, 'src/main/micropython/data')
data.mkdirs()
new File(data, 'readings.csv').withWriter('UTF-8') { w ->
    w << 'minute,temperature,humidity\n'
    (0..<1440).each { m -> w << "${m},${20 + (m * 7) % 50 / 10.0},${40 + (m * 13) % 200 / 10.0}\n" }
}
true
