package io.github.mpota.cli;

import io.github.mpota.core.auth.PasswordFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where every subcommand that talks to a board takes the OTA password from, first match wins: --password-file,
 * --password, the environment variable OTA_PASSWORD, then a prompt that does not echo. The ways that ps does not
 * show come first; the argument parsers refuse both options at once.
 */
final class PasswordSources {

    /** The way out when none of the sources gave a password. */
    static final String HOW = "pass --password-file FILE or set the environment variable "
            + PasswordFile.ENVIRONMENT_VARIABLE;

    private final Map<String, String> environment;
    private final OtaPushCommand.PasswordPrompt prompt;

    PasswordSources(Map<String, String> environment, OtaPushCommand.PasswordPrompt prompt) {
        this.environment = environment;
        this.prompt = prompt;
    }

    /**
     * @param given --password, or null
     * @param file --password-file, or null
     * @param board what the prompt asks the password of
     * @return empty when no source has one and there is no terminal to ask on
     * @throws IOException with the sentence to show for an unreadable file or an empty OTA_PASSWORD
     */
    Optional<String> password(String given, Path file, String board) throws IOException {
        if (file != null) {
            return Optional.of(PasswordFile.read(file));
        }
        if (given != null) {
            return Optional.of(given);
        }
        Optional<String> fromEnvironment = PasswordFile.fromEnvironment(environment);
        if (fromEnvironment.isPresent()) {
            return fromEnvironment;
        }
        return prompt.ask("OTA password for " + board + ": ").filter(typed -> typed.length > 0).map(String::new);
    }
}
