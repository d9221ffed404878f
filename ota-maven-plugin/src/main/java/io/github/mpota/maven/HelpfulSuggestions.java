package io.github.mpota.maven;

import io.github.mpota.core.client.PushAdvice;
import io.github.mpota.core.client.PushException;
import org.apache.maven.plugin.MojoFailureException;

/** A failed push as a build failure whose message names the phase and the way out, in Maven's words. */
final class HelpfulSuggestions {

    private final PushAdvice advice;

    HelpfulSuggestions(String serverId) {
        this.advice = new PushAdvice(new PushAdvice.OptionNames("-Dota.host", "-Dota.port",
                "-Dota.password, or the <server> '" + serverId + "' of settings.xml chosen by -Dota.serverId",
                "-Dota.connectTimeout", "-Dota.connectAttempts", "-Dota.retryDelay", "-Dota.replyTimeout",
                "-Dota.applyTimeout", "-Dota.excludes or pymakr.conf py_ignore"));
    }

    String sentence(PushException e) {
        return advice.sentence(e);
    }

    MojoFailureException failure(PushException e) {
        // No cause attached: the sentence says it all, and Maven would print the cause's stack trace with -e.
        return new MojoFailureException(sentence(e));
    }
}
