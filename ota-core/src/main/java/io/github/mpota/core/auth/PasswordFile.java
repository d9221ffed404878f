package io.github.mpota.core.auth;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The ways to give a command line the OTA password without putting it in the process arguments, which every user of
 * the machine can read ({@code ps}): a file ({@code --password-file}) or the environment variable
 * {@value #ENVIRONMENT_VARIABLE}.
 */
public final class PasswordFile {

    /** The environment variable both command lines read the password from. */
    public static final String ENVIRONMENT_VARIABLE = "OTA_PASSWORD";

    private PasswordFile() {
    }

    /**
     * The password in {@code file}: its text (UTF-8) without the line ending at its end, so that
     * {@code echo secret > file} works.
     *
     * @throws IOException with a sentence that names the file and what is wrong with it (never its content)
     */
    public static String read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("password file " + file + " does not exist");
        } catch (IOException e) {
            throw new IOException("cannot read password file " + file + ": " + e.getMessage(), e);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IOException("password file " + file + " is not UTF-8 text");
        }
        if (text.endsWith("\r\n")) {
            text = text.substring(0, text.length() - 2);
        } else if (text.endsWith("\n")) {
            text = text.substring(0, text.length() - 1);
        }
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IOException("password file " + file + " has more than one line; put the password alone on"
                    + " its first line");
        }
        if (text.isEmpty()) {
            throw new IOException("password file " + file + " is empty; put the OTA password in it");
        }
        return text;
    }

    /**
     * The password of {@value #ENVIRONMENT_VARIABLE} in {@code environment}, empty when the variable is not set.
     *
     * @throws IOException when it is set but empty (most likely a mistake in a script)
     */
    public static Optional<String> fromEnvironment(Map<String, String> environment) throws IOException {
        String value = environment.get(ENVIRONMENT_VARIABLE);
        if (value == null) {
            return Optional.empty();
        }
        if (value.isEmpty()) {
            throw new IOException("the environment variable " + ENVIRONMENT_VARIABLE + " is set but empty; set it"
                    + " to the OTA password or unset it");
        }
        return Optional.of(value);
    }
}
