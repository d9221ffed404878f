package io.github.mpota.maven;

import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;

/**
 * Finds the OTA password, first match wins: the {@code ota.password} property; else the {@code <server>} of
 * settings.xml whose id is {@code ota.serverId}; else, when Maven runs interactively on a terminal, a masked
 * prompt; else an error that says how to supply one. What it reports names where the password came from,
 * never the password.
 */
final class PasswordResolution {

    static final String PROPERTY = "ota.password";

    /** A masked prompt, or empty when nobody can answer one (batch mode, no terminal). */
    @FunctionalInterface
    interface Prompt {
        Optional<char[]> ask(String question);
    }

    /** The password and where it came from, for an info line. */
    record Resolved(String password, String source) {
        @Override
        public String toString() {
            return "password from " + source; // a record would print the password otherwise
        }
    }

    private final String propertyPassword;
    private final String serverId;
    private final ServerCredentials servers;
    private final Prompt prompt;

    PasswordResolution(String propertyPassword, String serverId, ServerCredentials servers, Prompt prompt) {
        this.propertyPassword = propertyPassword;
        this.serverId = serverId;
        this.servers = servers;
        this.prompt = prompt;
    }

    Resolved resolve(String host) throws MojoExecutionException {
        if (propertyPassword != null) {
            if (propertyPassword.isEmpty()) {
                throw new MojoExecutionException("-D" + PROPERTY + " is empty; give the board's OTA password, or"
                        + " leave the property out to use settings.xml or the prompt");
            }
            return new Resolved(propertyPassword, "the " + PROPERTY + " property");
        }
        Optional<String> fromServer = servers.password(serverId);
        if (fromServer.isPresent()) {
            return new Resolved(fromServer.get(), "<server> '" + serverId + "' in settings.xml");
        }
        Optional<char[]> typed = prompt.ask("OTA password for " + host + ": ");
        if (typed.isPresent()) {
            char[] chars = typed.get();
            if (chars.length == 0) {
                throw new MojoExecutionException("no OTA password was typed; type the board's OTA_PASSWORD at"
                        + " the prompt, or " + howToSupply());
            }
            return new Resolved(new String(chars), "the prompt");
        }
        throw new MojoExecutionException("no OTA password: " + howToSupply()
                + " (Maven prompts for it only when it runs interactively on a terminal)");
    }

    private String howToSupply() {
        return "pass -D" + PROPERTY + "=..., or add <server><id>" + serverId + "</id><password>...</password>"
                + "</server> to ~/.m2/settings.xml (encrypt it with mvn --encrypt-password; another id with"
                + " -Dota.serverId)";
    }
}
