package io.github.mpota.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.mpota.core.client.PushException;
import io.github.mpota.core.client.PushFailure;
import io.github.mpota.core.protocol.Phase;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class MavenPushAdviceTest {

    private final MavenPushAdvice advice = new MavenPushAdvice("kitchen");

    @Test
    void refusedPasswordPointsAtThePropertyAndTheServerId() {
        MojoFailureException e = advice.failure(new PushException(PushFailure.AUTHENTICATION_REFUSED,
                Phase.AUTHENTICATION, "the device refused the password (AUTH_FAIL 3 times)"), List.of(), null);
        assertEquals("OTA push failed while authenticating: the device refused the password (AUTH_FAIL 3 times)."
                + " Check the password (-Dota.password, or the <server> 'kitchen' of settings.xml chosen by"
                + " -Dota.serverId): it must be the board's OTA_PASSWORD; a previous push may have changed it (a"
                + " pushed ota_config.json or config.py sets OTA_PASSWORD at the board's next boot).",
                e.getMessage());
        assertNull(e.getCause(), "no stack trace where a sentence will do");
    }

    @Test
    void noSpaceSaysHowMuchAndWhatToDo() {
        String s = advice.sentence(new PushException(PushFailure.DEVICE_FAILED, Phase.PAYLOAD,
                "the device answered FAIL after accepting the metadata: it refuses an update when it has less than"
                        + " 1500 bytes free (payload 500 + files 1000), or when it cannot inflate and write the"
                        + " files"));
        assertEquals("OTA push failed while sending the payload: the device answered FAIL after accepting the"
                + " metadata: it refuses an update when it has less than 1500 bytes free (payload 500 + files"
                + " 1000), or when it cannot inflate and write the files. Free space on the board, or push fewer"
                + " files (-Dota.excludes or pymakr.conf py_ignore).", s);
    }

    @Test
    void failAfterThePayloadNamesTheFolderTheReferenceServerCannotCreate() {
        PushException fail = new PushException(PushFailure.DEVICE_FAILED, Phase.PAYLOAD,
                "the device answered FAIL after accepting the metadata");
        String s = advice.failure(fail, List.of("main.py", "app/config/defaults/settings.json",
                "lib/x.py"), null).getMessage();
        assertEquals("OTA push failed while sending the payload: the device answered FAIL after accepting the"
                + " metadata. Free space on the board, or push fewer files (-Dota.excludes or pymakr.conf"
                + " py_ignore). If the board runs the reference OTA server, it creates one folder level at a time:"
                + " app/config/defaults/settings.json fails there unless app/config is on the board already (add a"
                + " file to app/config, or see the board's own reason with mvn ota:check).", s);
        // A folder's own files before its subfolders': every level is made in turn, nothing to add.
        assertEquals(advice.sentence(fail), advice.failure(fail,
                List.of("a/x.py", "a/b/y.py", "a/b/c/z.py"), null).getMessage());
        // Only a FAIL after the payload can be the folder rule.
        PushException refused = new PushException(PushFailure.AUTHENTICATION_REFUSED, Phase.AUTHENTICATION,
                "the device refused the password (AUTH_FAIL 3 times)");
        assertEquals(advice.sentence(refused), advice.failure(refused,
                List.of("app/config/defaults/settings.json"), null).getMessage());
    }

    @Test
    void hostNotFoundNamesTheProperty() {
        String s = advice.sentence(new PushException(PushFailure.HOST_NOT_FOUND, Phase.CONNECT,
                "host esp.local was not found (names ending in .local are resolved by mDNS through the system"
                        + " resolver) (after 4 attempts)"));
        assertEquals("OTA push failed while connecting: host esp.local was not found (names ending in .local are"
                + " resolved by mDNS through the system resolver) (after 4 attempts). Check the host name"
                + " (-Dota.host), or use the board's IP address.", s);
    }

    @Test
    void refusedConnectionSuggestsRetriesForARebootingBoard() {
        String s = advice.sentence(new PushException(PushFailure.CONNECTION_REFUSED, Phase.CONNECT,
                "cannot connect to 10.0.0.9:8266: Connection refused (after 4 attempts)"));
        assertEquals("OTA push failed while connecting: cannot connect to 10.0.0.9:8266: Connection refused (after"
                + " 4 attempts). Check that the board is powered, on the network and running its OTA server on"
                + " that port (-Dota.port); a board that is rebooting needs a few seconds: allow more attempts with"
                + " -Dota.connectAttempts or a longer -Dota.retryDelay.", s);
    }

    @Test
    void lostConnectionAndApplyTimeout() {
        assertEquals("OTA push failed while sending the payload: the connection was closed at byte 4096 of 9000"
                + " of the payload: Broken pipe. The board may have reset or lost WiFi; check its console and push"
                + " again.", advice.sentence(new PushException(PushFailure.CONNECTION_LOST, Phase.PAYLOAD,
                        "the connection was closed at byte 4096 of 9000 of the payload: Broken pipe")));
        assertEquals("OTA push failed while waiting for the board to apply the update: no UPDATE_SUCCESS from the"
                + " device within 60000 ms while waiting for the board to apply the update. The board may still"
                + " be writing the files: check whether it rebooted; a large update on slow flash needs a longer"
                + " -Dota.applyTimeout.", advice.sentence(new PushException(PushFailure.TIMEOUT, Phase.APPLY,
                        "no UPDATE_SUCCESS from the device within 60000 ms while waiting for the board to apply"
                                + " the update")));
    }
}
