package io.github.mpota.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.DefaultSettingsDecrypter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.sonatype.plexus.components.cipher.DefaultPlexusCipher;
import org.sonatype.plexus.components.sec.dispatcher.DefaultSecDispatcher;

/** The settings.xml route of the password, through the same decrypter classes that Maven 3.8.7 runs. */
@Timeout(20)
class MavenSettingsServerCredentialsTest {

    /** Made with {@code mvn --encrypt-master-password master-of-boards} (Maven 3.8.7). */
    static final String MASTER = "{z6PqePz0zPAH8KzN2nvT2BH2go4YV45uIwzHYANWQ6UrH4FQJYsepbDgoDTVHyV4}";
    /** Made with {@code mvn -Dsettings.security=<file with MASTER> --encrypt-password b0ard-s3cret}. */
    static final String ENCRYPTED = "{BpbBzXdktJcH/2qYb9C++DkZ2SdYCA11meCnjMRw/9Q=}";

    @TempDir
    Path dir;

    private DefaultSettingsDecrypter decrypter(String master) throws Exception {
        Path security = dir.resolve("settings-security.xml");
        Files.writeString(security, "<settingsSecurity>\n  <master>" + master + "</master>\n</settingsSecurity>\n");
        return new DefaultSettingsDecrypter(new DefaultSecDispatcher(new DefaultPlexusCipher(), Map.of(),
                security.toString()));
    }

    private static Settings settingsWith(String id, String password) {
        Server server = new Server();
        server.setId(id);
        server.setPassword(password);
        Settings settings = new Settings();
        settings.addServer(server);
        return settings;
    }

    @Test
    void decryptsAPasswordEncryptedByMavensCommandLine() throws Exception {
        var credentials = new MavenSettingsServerCredentials(settingsWith("ota", ENCRYPTED), decrypter(MASTER));
        assertEquals(Optional.of("b0ard-s3cret"), credentials.password("ota"));
    }

    @Test
    void decryptsAPasswordEncryptedInTheTest() throws Exception {
        DefaultPlexusCipher cipher = new DefaultPlexusCipher();
        String master = cipher.encryptAndDecorate("another-master", DefaultSecDispatcher.SYSTEM_PROPERTY_SEC_LOCATION);
        String encrypted = cipher.encryptAndDecorate("pässwörd", "another-master");
        var credentials = new MavenSettingsServerCredentials(settingsWith("board", encrypted), decrypter(master));
        assertEquals(Optional.of("pässwörd"), credentials.password("board"));
    }

    @Test
    void aPlainPasswordPassesThrough() throws Exception {
        var credentials = new MavenSettingsServerCredentials(settingsWith("ota", "plain"), decrypter(MASTER));
        assertEquals(Optional.of("plain"), credentials.password("ota"));
    }

    @Test
    void anotherServerIdFindsNothing() throws Exception {
        var credentials = new MavenSettingsServerCredentials(settingsWith("ota", "plain"), decrypter(MASTER));
        assertFalse(credentials.password("elsewhere").isPresent());
    }

    @Test
    void aWrongMasterPasswordIsAClearErrorWithoutThePassword() throws Exception {
        String wrongMaster = new DefaultPlexusCipher().encryptAndDecorate("not-the-master",
                DefaultSecDispatcher.SYSTEM_PROPERTY_SEC_LOCATION);
        var credentials = new MavenSettingsServerCredentials(settingsWith("ota", ENCRYPTED), decrypter(wrongMaster));
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> credentials.password("ota"));
        assertTrue(e.getMessage().startsWith("cannot decrypt the password of <server> 'ota' in settings.xml"),
                e.getMessage());
        assertTrue(e.getMessage().contains("settings-security.xml"), e.getMessage());
        assertFalse(e.getMessage().contains("b0ard-s3cret"));
    }

    @Test
    void aServerWithoutPasswordSaysSo() throws Exception {
        var credentials = new MavenSettingsServerCredentials(settingsWith("ota", null), decrypter(MASTER));
        MojoExecutionException e = assertThrows(MojoExecutionException.class, () -> credentials.password("ota"));
        assertEquals("<server> 'ota' in settings.xml has no <password>; add one, or use another server with"
                + " -Dota.serverId", e.getMessage());
    }
}
