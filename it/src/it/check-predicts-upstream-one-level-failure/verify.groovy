// ota:check: the reference server's own reason on an empty board, and a pass on the hardened server.
def checks = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'ItChecks.groovy'))

String log = checks.buildLog(basedir)
String reason = checks.oneLevelReason('app/config/defaults', 'app/config/defaults/settings.json', 'app/config')
checks.logSays(log,
        'Checking 4 files',
        'against a board with 2097152 bytes free (esp32, upstream profile)',
        'The board would refuse or break this update: ' + reason
                + ' (files already written before the failure: main.py). Change the files, or check against'
                + ' another board (-Dota.board, -Dota.freeBytes, -Dota.profile, -Dota.boardContents).',
        'against a board with 2097152 bytes free (esp32, hardened profile)',
        'The board accepts the update. Its files afterwards:',
        'Free space left: ')
// The tree printed after the hardened check shows the deepest folders.
checks.logSays(log, '  app/', '    config/', '      defaults/', '        settings.json', '  lib/', '    vendor/',
        '      sensors/', '        bme280.py')
// A check never touches the project's own board folder.
assert !new File(basedir, 'target/ota-device').exists()
true
