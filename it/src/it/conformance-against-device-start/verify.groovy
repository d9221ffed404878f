// Every safe scenario of sections 2-5 passed against the hardened board, and the safe run wrote nothing.
def checks = new GroovyClassLoader(getClass().classLoader).parseClass(new File(itSupport, 'ItChecks.groovy'))

String log = checks.buildLog(basedir)
checks.logSays(log, 'Started the device runtime on 127.0.0.1:', 'as a hardened board, safe run',
        'PASS 2.1 challenge-is-eight-lowercase-hex', 'PASS 4.18 total-not-the-sum-of-the-sizes',
        'PASS 5.1 total-larger-than-any-board', 'failed (expect=hardened, run=safe)', 'BUILD SUCCESS')
assert log =~ /conformance: \d+ passed, 0 failed \(expect=hardened, run=safe\)/
checks.logNeverSays(log, 'FAIL 2.', 'FAIL 3.', 'FAIL 4.', 'FAIL 5.')

File report = new File(basedir, 'target/ota-conformance/TEST-ota-conformance-hardened-safe.xml')
assert report.isFile()
String xml = report.getText('UTF-8')
assert xml =~ /<testsuite name="ota-conformance.hardened.safe" tests="\d+" failures="0"/
assert xml.count('<testcase ') > 50

File board = new File(basedir, 'target/ota-device')
assert !new File(board, 'conformance').exists()
true
