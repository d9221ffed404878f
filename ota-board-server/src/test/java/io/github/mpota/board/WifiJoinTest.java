package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * ota/wifi.py in MicroPython, against a stand-in of the firmware's network module (src/test/micropython/lib): the
 * board's part that needs a radio. Each script prints what the board logged and then what the radio saw.
 */
@Timeout(30)
class WifiJoinTest {

    /** The board's clock is virtual: the 20 s timeout takes no real time. */
    static final String VIRTUAL_CLOCK = """
            import sys
            import virtual_clock
            sys.modules["time"] = virtual_clock
            """;

    private static final String JOIN = VIRTUAL_CLOCK + """
            import network
            from ota import wifi
            network.access_point("greenhouse", "right-key", address="192.168.1.42")
            """;

    /** After a failed join: the error, the time it took and what the radio was asked. */
    private static final String REPORT_FAILURE = """
            except wifi.WifiError as e:
                print("WifiError: " + str(e))
            print("waited %d ms" % virtual_clock.elapsed_ms())
            print("calls: " + " ".join(network.calls))
            """;

    @TempDir
    Path temp;

    private MicroPythonScript.Run run(String script) throws Exception {
        MicroPythonScript.Run run = MicroPythonScript.run(temp, Map.of(), script);
        assertEquals(0, run.exitCode(), run.output());
        return run;
    }

    private static int waitedMs(MicroPythonScript.Run run) {
        String line = run.lines().stream().filter(l -> l.startsWith("waited ")).findFirst()
                .orElseThrow(() -> new AssertionError("no 'waited' line\n" + run.output()));
        return Integer.parseInt(line.replaceAll("\\D", ""));
    }

    @Test
    void aJoinLogsTheAddressAndAnnouncesTheDeviceNameFromTheStart() throws Exception {
        MicroPythonScript.Run run = run(JOIN + """
                address = wifi.connect("greenhouse", "right-key", "plant-monitor")
                print("returned " + address)
                print("hostname " + network.hostname())
                print("announced " + network.announced_hostname())
                print("calls: " + " ".join(network.calls))
                """);
        assertEquals(List.of(
                "joining WiFi 'greenhouse'",
                "WiFi 'greenhouse' joined: 192.168.1.42 (plant-monitor.local)",
                "returned 192.168.1.42",
                "hostname plant-monitor",
                // Set before the interface went up, so DHCP and mDNS carry it: the board answers at plant-monitor.local.
                "announced plant-monitor",
                "calls: hostname('plant-monitor') WLAN(STA_IF) active(True) connect('greenhouse', 'right-key')"),
                run.lines(), run.output());
    }

    @Test
    void withoutADeviceNameTheBoardKeepsTheFirmwaresHostname() throws Exception {
        MicroPythonScript.Run run = run(JOIN + """
                wifi.connect("greenhouse", "right-key")
                print("announced " + network.announced_hostname())
                """);
        assertEquals(List.of("joining WiFi 'greenhouse'", "WiFi 'greenhouse' joined: 192.168.1.42",
                "announced espressif"), run.lines(), run.output());
    }

    @Test
    void aWrongPasswordEndsAtOnceNamingTheStatusAndTheSettingToCheck() throws Exception {
        MicroPythonScript.Run run = run(JOIN + """
                try:
                    wifi.connect("greenhouse", "wrong-key", "plant-monitor")
                """ + REPORT_FAILURE);
        assertEquals(List.of("joining WiFi 'greenhouse'",
                "WifiError: could not join WiFi 'greenhouse': the network refused the password (STAT_WRONG_PASSWORD); "
                        + "check WIFI_PASSWORD"), run.lines().subList(0, 2), run.output());
        assertTrue(waitedMs(run) < 1000, "a refused password must not wait out the 20 s timeout\n" + run.output());
        assertTrue(run.lines().get(3).endsWith("connect('greenhouse', 'wrong-key') disconnect()"),
                "the board stops the firmware's retries\n" + run.output());
    }

    @Test
    void aMissingNetworkEndsAtOnceNamingTheStatusAndTheSettingToCheck() throws Exception {
        MicroPythonScript.Run run = run(JOIN + """
                try:
                    wifi.connect("greenhouse-5G", "right-key", "plant-monitor")
                """ + REPORT_FAILURE);
        assertEquals(List.of("joining WiFi 'greenhouse-5G'",
                "WifiError: could not join WiFi 'greenhouse-5G': no network of that name answered (STAT_NO_AP_FOUND); "
                        + "check WIFI_SSID and that the board is in range of the network"),
                run.lines().subList(0, 2), run.output());
        assertTrue(waitedMs(run) < 1000, run.output());
    }

    @Test
    void aJoinThatNeverCompletesEndsAfterTheBoardsTwentySecondTimeout() throws Exception {
        MicroPythonScript.Run run = run(VIRTUAL_CLOCK + """
                import network
                from ota import wifi
                network.access_point("greenhouse", "right-key", polls_to_join=None)
                try:
                    wifi.connect("greenhouse", "right-key", "plant-monitor")
                """ + REPORT_FAILURE);
        assertEquals(List.of("joining WiFi 'greenhouse'",
                "WifiError: could not join WiFi 'greenhouse' within 20 s (status STAT_CONNECTING); check WIFI_SSID "
                        + "and WIFI_PASSWORD and that the board is in range of the network"),
                run.lines().subList(0, 2), run.output());
        int waited = waitedMs(run);
        assertTrue(waited >= 20_000 && waited < 21_000, "waited " + waited + " ms of the board's clock");
        assertTrue(run.lines().get(3).endsWith("disconnect()"), run.output());
    }

    @Test
    void theTimeoutRunsOnTheBoardsRealClockToo() throws Exception {
        MicroPythonScript.Run run = run("""
                import time
                import network
                from ota import wifi
                network.access_point("greenhouse", "right-key", polls_to_join=None)
                start = time.ticks_ms()
                try:
                    wifi.connect("greenhouse", "right-key", timeout_ms=300)
                except wifi.WifiError as e:
                    print("WifiError: " + str(e))
                print("waited %d ms" % time.ticks_diff(time.ticks_ms(), start))
                """);
        assertEquals("WifiError: could not join WiFi 'greenhouse' within 300 ms (status STAT_CONNECTING); check "
                + "WIFI_SSID and WIFI_PASSWORD and that the board is in range of the network", run.lines().get(1),
                run.output());
        int waited = waitedMs(run);
        assertTrue(waited >= 300 && waited < 5000, "waited " + waited + " ms");
    }

    @Test
    void aHostnameTheFirmwareRefusesIsLoggedAndTheJoinGoesOn() throws Exception {
        String tooLong = "a-device-name-longer-than-32-characters";
        MicroPythonScript.Run run = run(JOIN + "wifi.connect('greenhouse', 'right-key', '" + tooLong + "')\n");
        assertEquals(List.of("could not set the hostname '" + tooLong + "': hostname too long",
                "joining WiFi 'greenhouse'", "WiFi 'greenhouse' joined: 192.168.1.42 (" + tooLong + ".local)"),
                run.lines(), run.output());
    }

    @Test
    void firmwareOlderThan120NamesTheHostOnTheInterface() throws Exception {
        MicroPythonScript.Run run = run(JOIN + """
                del network.hostname
                wifi.connect("greenhouse", "right-key", "plant-monitor")
                print("calls: " + " ".join(network.calls))
                """);
        assertEquals(List.of("joining WiFi 'greenhouse'",
                "WiFi 'greenhouse' joined: 192.168.1.42 (plant-monitor.local)",
                "calls: WLAN(STA_IF) active(True) hostname('plant-monitor') connect('greenhouse', 'right-key')"),
                run.lines(), run.output());
    }

    @Test
    void aBoardAlreadyOnTheNetworkUnderItsNameDoesNotJoinAgain() throws Exception {
        // A soft reset keeps the station joined; boot.py then runs the join again.
        MicroPythonScript.Run run = run(JOIN + """
                wifi.connect("greenhouse", "right-key", "plant-monitor")
                del network.calls[:]
                wifi.connect("greenhouse", "right-key", "plant-monitor")
                print("calls: " + " ".join(network.calls))
                """);
        assertEquals(List.of("joining WiFi 'greenhouse'",
                "WiFi 'greenhouse' joined: 192.168.1.42 (plant-monitor.local)",
                "WiFi 'greenhouse' joined: 192.168.1.42 (plant-monitor.local)",
                "calls: hostname('plant-monitor') WLAN(STA_IF) active(True)"), run.lines(), run.output());
    }

    @Test
    void aBoardJoinedUnderAnotherNameJoinsAgainSoThatItAnswersAtTheDeviceName() throws Exception {
        // boot.py's own WiFi code joined first, without a name; the network knows the board as the firmware's default.
        MicroPythonScript.Run run = run(JOIN + """
                wifi.connect("greenhouse", "right-key")
                del network.calls[:]
                wifi.connect("greenhouse", "right-key", "plant-monitor")
                print("announced " + network.announced_hostname())
                print("calls: " + " ".join(network.calls))
                """);
        // The stand-in, like ESP32, still reports the station joined just after disconnect(): the board must join
        // again without asking.
        assertEquals(List.of("joining WiFi 'greenhouse'", "WiFi 'greenhouse' joined: 192.168.1.42",
                "WiFi was joined as 'espressif'; joining again so that the board answers at plant-monitor.local",
                "joining WiFi 'greenhouse'", "WiFi 'greenhouse' joined: 192.168.1.42 (plant-monitor.local)",
                "announced plant-monitor",
                "calls: hostname('plant-monitor') WLAN(STA_IF) active(True) disconnect() connect('greenhouse', 'right-key')"),
                run.lines(), run.output());
    }
}
