// The space check refuses the update before the payload: nothing written, and the figures in the failure.
def checks = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'ItChecks.groovy'))

File sources = new File(basedir, 'src/main/micropython')
checks.boardMirrors(new File(basedir, 'target/ota-device'), new File(basedir, 'board-before'))

long files = checks.files(sources).sum { new File(sources, it).length() }
def transcript = checks.transcript(new File(basedir, 'target/device-transcript.jsonl'))
def metadata = checks.events(transcript, 'metadata')[0]
long payload = metadata.compressed_size
long needed = payload + files
assert metadata.total_uncompressed == files
def space = checks.events(transcript, 'space_check')[0]
assert space.needed == needed && space.free == 8192 && space.enough == false
assert checks.replies(transcript) == ['OK', 'OK', 'OK', 'FAIL']
assert checks.events(transcript, 'file_written').isEmpty()
assert checks.events(transcript, 'reboot').isEmpty()

String log = checks.buildLog(basedir)
checks.logSays(log,
        "OTA push failed while sending the payload: the device answered FAIL after accepting the metadata: it"
                + " refuses an update when it has less than ${needed} bytes free (payload ${payload} + files ${files})",
        'Free space on the board, or push fewer files (-Dota.excludes or pymakr.conf py_ignore).',
        "[device] Update needs ${needed} bytes, 8192 free",
        "[device] Update failed: not enough free space: the update needs ${needed} bytes (compressed +"
                + " uncompressed) and the board has 8192 free",
        'BUILD FAILURE')
true
