package io.github.mpota.maven;

import io.github.mpota.core.client.PushAdvice;
import io.github.mpota.core.client.PushException;
import io.github.mpota.core.client.PushFailure;
import io.github.mpota.core.protocol.Phase;
import io.github.mpota.core.selection.OneLevelFolders;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;

/** A failed push as a build failure whose message names the phase and the way out, in Maven's words. */
final class MavenPushAdvice {

    private final PushAdvice advice;

    MavenPushAdvice(String serverId) {
        this.advice = new PushAdvice(new PushAdvice.OptionNames("-Dota.host", "-Dota.port",
                "-Dota.password, or the <server> '" + serverId + "' of settings.xml chosen by -Dota.serverId",
                "-Dota.connectTimeout", "-Dota.connectAttempts", "-Dota.retryDelay", "-Dota.replyTimeout",
                "-Dota.applyTimeout", "-Dota.excludes or pymakr.conf py_ignore"));
    }

    String sentence(PushException e) {
        return advice.sentence(e);
    }

    /**
     * A failed push as a build failure. No cause is attached: the sentence says it all, and Maven would print the
     * cause's stack trace with -e. When the board answered FAIL after the payload, the message also gives the
     * space the update really needs and the check that tells whether a board has it, and, when the update holds a
     * folder that the reference server cannot create on an empty board, says so: the board gives no reason, and
     * space is not the only one.
     *
     * @param devicePaths the update's files in the order they were sent
     * @param spaceNeed {@code N bytes free (...)}, or null
     */
    MojoFailureException failure(PushException e, List<String> devicePaths, String spaceNeed) {
        String sentence = sentence(e);
        if (e.failure() == PushFailure.DEVICE_FAILED && e.phase() == Phase.PAYLOAD && spaceNeed != null) {
            sentence += " This update needs " + spaceNeed + " on a board that holds none of its files; whether a"
                    + " board with N bytes free takes it: mvn ota:check -Dota.freeBytes=N.";
        }
        if (e.failure() == PushFailure.DEVICE_FAILED && e.phase() == Phase.PAYLOAD) {
            sentence += OneLevelFolders.firstBlocked(devicePaths)
                    .map(b -> " If the board runs the reference OTA server, it creates one folder level at a"
                            + " time: " + b.file() + " fails there unless " + b.missingFolder() + " is on the"
                            + " board already (add a file to " + b.missingFolder() + ", or see the board's own"
                            + " reason with mvn ota:check).")
                    .orElse("");
        }
        return new MojoFailureException(sentence);
    }
}
