// The board already holds version 1 of the code: its folder is filled before the device runtime starts.
def checks = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'ItChecks.groovy'))

checks.copyTree(new File(basedir, 'board-before'), new File(basedir, 'target/ota-device'))
true
