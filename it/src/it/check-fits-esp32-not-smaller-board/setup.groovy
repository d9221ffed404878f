// 600 KiB of incompressible sprites: the update needs about 1.2 MB free.
def checks = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'ItChecks.groovy'))

File assets = new File(basedir, 'src/main/micropython/assets')
assets.mkdirs()
new File(assets, 'sprites.bin').bytes = checks.pseudoRandom(600 * 1024, 7L)
true
