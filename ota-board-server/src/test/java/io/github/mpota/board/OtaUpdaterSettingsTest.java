package io.github.mpota.board;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * OTAUpdater() in MicroPython as boot.py calls it: the settings it reads from the board (ota_config.json, else
 * config.py), the words when they are wrong, and the WiFi join they drive (against the stand-in network module).
 */
@Timeout(30)
class OtaUpdaterSettingsTest {

    private static final String KEYS = "WIFI_SSID, WIFI_PASSWORD, OTA_PASSWORD, DEVICE_NAME";
    private static final String OTA_CONFIG = """
            {"WIFI_SSID": "greenhouse", "WIFI_PASSWORD": "right-key", "OTA_PASSWORD": "from-json",
             "DEVICE_NAME": "plant-monitor"}
            """;

    private static final String BOARD = WifiJoinTest.VIRTUAL_CLOCK + """
            import network
            network.access_point("greenhouse", "right-key", address="192.168.1.42")
            from ota import OTAUpdater
            """;

    /** Joins WiFi with the settings found and prints where they came from (the OTA password tells). */
    private static final String JOIN_WITH_FOUND_SETTINGS = BOARD + """
            updater = OTAUpdater()
            print("OTA password " + updater.config["OTA_PASSWORD"])
            updater.connect_wifi()
            print("calls: " + " ".join(network.calls))
            print("announced " + network.announced_hostname())
            """;

    private static final String CREATE = BOARD + """
            try:
                OTAUpdater()
                print("created")
            except ValueError as e:
                print("ValueError: " + str(e))
            """;

    @TempDir
    Path temp;

    private MicroPythonScript.Run run(Map<String, String> boardFiles, String script) throws Exception {
        MicroPythonScript.Run run = MicroPythonScript.run(temp, boardFiles, script);
        assertEquals(0, run.exitCode(), run.output());
        return run;
    }

    private List<String> create(Map<String, String> boardFiles) throws Exception {
        return run(boardFiles, CREATE).lines();
    }

    @Test
    void withoutArgumentsItReadsOtaConfigJsonAndJoinsAsTheDeviceName() throws Exception {
        MicroPythonScript.Run run = run(Map.of("ota_config.json", OTA_CONFIG), JOIN_WITH_FOUND_SETTINGS);
        assertEquals(List.of("OTA password from-json",
                "ota: joining WiFi 'greenhouse'",
                "ota: WiFi 'greenhouse' joined: 192.168.1.42 (plant-monitor.local)",
                "calls: hostname('plant-monitor') WLAN(STA_IF) active(True) connect('greenhouse', 'right-key')",
                "announced plant-monitor"), run.lines(), run.output());
    }

    @Test
    void startServerWithAWrongWifiPasswordEndsWithTheWifiErrorBeforeItListens() throws Exception {
        MicroPythonScript.Run run = run(Map.of("ota_config.json", OTA_CONFIG.replace("right-key", "old-key")), BOARD + """
                from ota.wifi import WifiError
                try:
                    OTAUpdater().start_server()
                except WifiError as e:
                    print("WifiError: " + str(e))
                """);
        assertEquals(List.of("ota: joining WiFi 'greenhouse'",
                "WifiError: could not join WiFi 'greenhouse': the network refused the password (STAT_WRONG_PASSWORD); "
                        + "check WIFI_PASSWORD"), run.lines(), run.output());
    }

    @Test
    void aMalformedOtaConfigJsonIsNamedWithWhatItMustHold() throws Exception {
        assertEquals(List.of("ValueError: ota_config.json is not valid JSON; it must be an object with the keys " + KEYS),
                create(Map.of("ota_config.json", "{\"WIFI_SSID\": \"greenhouse\",")));
    }

    @Test
    void anOtaConfigJsonThatIsNoObjectIsNamed() throws Exception {
        assertEquals(List.of("ValueError: ota_config.json must be a JSON object with the keys " + KEYS),
                create(Map.of("ota_config.json", "[\"greenhouse\", \"right-key\"]")));
    }

    @Test
    void aSettingMissingFromOtaConfigJsonIsNamedWithTheFile() throws Exception {
        assertEquals(List.of("ValueError: the OTAUpdater settings in ota_config.json lack OTA_PASSWORD "
                        + "(expected keys: " + KEYS + ")"),
                create(Map.of("ota_config.json", OTA_CONFIG.replace("\"OTA_PASSWORD\": \"from-json\",", ""))));
    }

    @Test
    void aSettingThatIsNotTextIsNamedWithoutEchoingIt() throws Exception {
        assertEquals(List.of("ValueError: the OTAUpdater settings in ota_config.json: WIFI_PASSWORD must be text "
                        + "(in quotes), not int"),
                create(Map.of("ota_config.json", OTA_CONFIG.replace("\"right-key\"", "12345678"))));
    }

    @Test
    void withNeitherFileItSaysWhereTheSettingsGo() throws Exception {
        assertEquals(List.of("ValueError: OTAUpdater needs its settings: pass a dict, OTAUpdater({'WIFI_SSID': ..., "
                + "'WIFI_PASSWORD': ..., 'OTA_PASSWORD': ..., 'DEVICE_NAME': ...}), or put them in ota_config.json "
                + "or config.py"), create(Map.of()));
    }

    static Stream<Arguments> configPyForms() {
        return Stream.of(
                Arguments.of("module-level settings", "WIFI_SSID = 'greenhouse'\nWIFI_PASSWORD = 'right-key'\n"
                        + "OTA_PASSWORD = 'from-py'\nDEVICE_NAME = 'plant-monitor'\n"),
                Arguments.of("a dict named config", "config = {'WIFI_SSID': 'greenhouse', 'WIFI_PASSWORD': 'right-key', "
                        + "'OTA_PASSWORD': 'from-py', 'DEVICE_NAME': 'plant-monitor'}\n"));
    }

    @ParameterizedTest(name = "config.py with {0}")
    @MethodSource("configPyForms")
    void withoutOtaConfigJsonItFallsBackToConfigPy(String form, String configPy) throws Exception {
        MicroPythonScript.Run run = run(Map.of("config.py", configPy), JOIN_WITH_FOUND_SETTINGS);
        assertEquals(List.of("OTA password from-py",
                "ota: joining WiFi 'greenhouse'",
                "ota: WiFi 'greenhouse' joined: 192.168.1.42 (plant-monitor.local)",
                "calls: hostname('plant-monitor') WLAN(STA_IF) active(True) connect('greenhouse', 'right-key')",
                "announced plant-monitor"), run.lines(), run.output());
    }

    @Test
    void aConfigPyMissingASettingIsNamed() throws Exception {
        assertEquals(List.of("ValueError: the OTAUpdater settings in config.py lack WIFI_PASSWORD, OTA_PASSWORD "
                + "(expected keys: " + KEYS + ")"), create(Map.of("config.py", "WIFI_SSID = 'greenhouse'\n")));
    }

    @Test
    void aConfigInConfigPyThatIsNoDictIsNamed() throws Exception {
        assertEquals(List.of("ValueError: the OTAUpdater settings in config.py must be a dict with the keys " + KEYS),
                create(Map.of("config.py", "config = ('greenhouse', 'right-key')\n")));
    }

    @Test
    void otaConfigJsonWinsOverConfigPy() throws Exception {
        MicroPythonScript.Run run = run(Map.of("ota_config.json", OTA_CONFIG,
                "config.py", "config = {'WIFI_SSID': 'x', 'WIFI_PASSWORD': 'y', 'OTA_PASSWORD': 'from-py'}\n"),
                BOARD + "print(OTAUpdater().config['OTA_PASSWORD'])\n");
        assertEquals(List.of("from-json"), run.lines(), run.output());
    }

    @Test
    void withARootTheSettingsAreReadWhereTheUpdatesGo() throws Exception {
        MicroPythonScript.Run run = run(Map.of("ota_config.json", OTA_CONFIG,
                "flash/ota_config.json", OTA_CONFIG.replace("from-json", "from-flash"),
                "bad/ota_config.json", "{"), BOARD + """
                print(OTAUpdater(root="/board/flash").config["OTA_PASSWORD"])
                try:
                    OTAUpdater(root="/board/bad/")
                except ValueError as e:
                    print("ValueError: " + str(e))
                """);
        assertEquals(List.of("from-flash", "ValueError: /board/bad/ota_config.json is not valid JSON; it must be an "
                + "object with the keys " + KEYS), run.lines(), run.output());
    }

    @Test
    void aDictPassedInIsCheckedLikeAFile() throws Exception {
        MicroPythonScript.Run run = run(Map.of(), BOARD + """
                try:
                    OTAUpdater({"WIFI_SSID": "greenhouse", "WIFI_PASSWORD": "right-key"})
                except ValueError as e:
                    print("ValueError: " + str(e))
                """);
        assertEquals(List.of("ValueError: the OTAUpdater settings in the dict passed to OTAUpdater lack OTA_PASSWORD "
                + "(expected keys: " + KEYS + ")"), run.lines(), run.output());
    }

    @Test
    void v1IsOnUnlessTheSettingsOrTheArgumentTurnItOff() throws Exception {
        String script = BOARD + """
                print(OTAUpdater().v1, OTAUpdater(v1=True).v1)
                """;
        assertEquals(List.of("True True"), run(Map.of("ota_config.json", OTA_CONFIG), script).lines());
        String off = OTA_CONFIG.replace("}", ", \"v1\": false}");
        assertEquals(List.of("False True"), run(Map.of("ota_config.json", off), script).lines());
    }

    @Test
    void aV1SettingThatIsNotTrueOrFalseIsRefusedByName() throws Exception {
        assertEquals(List.of("ValueError: the OTAUpdater settings in ota_config.json: v1 must be true or false"),
                create(Map.of("ota_config.json", OTA_CONFIG.replace("}", ", \"v1\": \"off\"}"))));
    }
}
