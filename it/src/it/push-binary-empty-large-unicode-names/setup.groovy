// Binary content is made here, deterministically, rather than committed.
def checks = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'ItChecks.groovy'))

File src = new File(basedir, 'src/main/micropython')
new File(src, 'firmware').mkdirs()
new File(src, 'firmware/every-byte.bin').bytes = (0..<1024).collect { (byte) (it & 0xff) } as byte[]
new File(src, 'firmware/large.bin').bytes = checks.pseudoRandom(1024 * 1024, 20240601L)
new File(src, 'firmware/empty.bin').bytes = new byte[0]
true
