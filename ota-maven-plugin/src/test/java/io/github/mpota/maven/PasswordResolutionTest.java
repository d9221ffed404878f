package io.github.mpota.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The order: property, then the settings.xml server, then the prompt, then an error that says how. */
@Timeout(10)
class PasswordResolutionTest {

    private final List<String> questions = new ArrayList<>();

    private PasswordResolution.Prompt answering(String typed) {
        return q -> {
            questions.add(q);
            return Optional.of(typed.toCharArray());
        };
    }

    private PasswordResolution.Prompt nobodyThere() {
        return q -> {
            questions.add(q);
            return Optional.empty();
        };
    }

    private static ServerCredentials servers(Map<String, String> passwords) {
        return id -> Optional.ofNullable(passwords.get(id));
    }

    @Test
    void thePropertyWinsOverServerAndPrompt() throws Exception {
        var r = new PasswordResolution("from-property", "ota", servers(Map.of("ota", "from-server")),
                answering("typed")).resolve("board.local");
        assertEquals("from-property", r.password());
        assertEquals("the ota.password property", r.source());
        assertTrue(questions.isEmpty(), "no prompt when the property is set");
    }

    @Test
    void theServerOfTheChosenIdComesNext() throws Exception {
        var r = new PasswordResolution(null, "kitchen", servers(Map.of("ota", "wrong", "kitchen", "from-server")),
                answering("typed")).resolve("board.local");
        assertEquals("from-server", r.password());
        assertEquals("<server> 'kitchen' in settings.xml", r.source());
        assertTrue(questions.isEmpty());
    }

    @Test
    void thePromptComesLast() throws Exception {
        var r = new PasswordResolution(null, "ota", servers(Map.of()), answering("typed")).resolve("board.local");
        assertEquals("typed", r.password());
        assertEquals(List.of("OTA password for board.local: "), questions);
    }

    @Test
    void withoutAnySourceTheErrorSaysHowToSupplyOne() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> new PasswordResolution(null, "ota", servers(Map.of()), nobodyThere()).resolve("b"));
        assertEquals("no OTA password: pass -Dota.password=..., or add <server><id>ota</id><password>...</password>"
                + "</server> to ~/.m2/settings.xml (encrypt it with mvn --encrypt-password; another id with"
                + " -Dota.serverId) (Maven prompts for it only when it runs interactively on a terminal)",
                e.getMessage());
    }

    @Test
    void anEmptyPropertyIsAnErrorNotAnEmptyPassword() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> new PasswordResolution("", "ota", servers(Map.of("ota", "x")), nobodyThere()).resolve("b"));
        assertTrue(e.getMessage().startsWith("-Dota.password is empty"), e.getMessage());
    }

    @Test
    void nothingTypedIsAnError() {
        MojoExecutionException e = assertThrows(MojoExecutionException.class,
                () -> new PasswordResolution(null, "ota", servers(Map.of()), answering("")).resolve("b"));
        assertTrue(e.getMessage().startsWith("no OTA password was typed"), e.getMessage());
    }

    @Test
    void theResolvedValueNeverPrintsThePassword() throws Exception {
        var r = new PasswordResolution("s3cret!", "ota", servers(Map.of()), nobodyThere()).resolve("b");
        assertFalse(r.toString().contains("s3cret!"), r.toString());
        assertEquals("password from the ota.password property", r.toString());
    }
}
