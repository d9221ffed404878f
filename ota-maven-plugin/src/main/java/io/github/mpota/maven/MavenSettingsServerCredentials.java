package io.github.mpota.maven;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/**
 * The OTA password kept in settings.xml, as {@code <server><id>ota</id><password>...</password></server>},
 * decrypted through Maven's own {@link SettingsDecrypter} so that a password encrypted with
 * {@code mvn --encrypt-password} (and the master password of settings-security.xml) works as it does for
 * deployments.
 */
final class MavenSettingsServerCredentials implements ServerCredentials {

    private final Settings settings;
    private final SettingsDecrypter decrypter;

    MavenSettingsServerCredentials(Settings settings, SettingsDecrypter decrypter) {
        this.settings = settings;
        this.decrypter = decrypter;
    }

    @Override
    public Optional<String> password(String serverId) throws MojoExecutionException {
        if (settings == null || serverId == null || serverId.isBlank()) {
            return Optional.empty();
        }
        Server server = settings.getServer(serverId);
        if (server == null) {
            return Optional.empty();
        }
        SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
        List<SettingsProblem> errors = result.getProblems().stream()
                .filter(p -> p.getSeverity() != SettingsProblem.Severity.WARNING)
                .collect(Collectors.toList());
        if (!errors.isEmpty()) {
            // The problem messages name the server and the cause, never the password.
            throw new MojoExecutionException("cannot decrypt the password of <server> '" + serverId
                    + "' in settings.xml: " + errors.stream().map(SettingsProblem::getMessage)
                            .collect(Collectors.joining("; "))
                    + ". Check ~/.m2/settings-security.xml (its master password) or encrypt the password again"
                    + " with mvn --encrypt-password");
        }
        Server decrypted = result.getServer();
        String password = decrypted == null ? null : decrypted.getPassword();
        if (password == null) {
            throw new MojoExecutionException("<server> '" + serverId + "' in settings.xml has no <password>;"
                    + " add one, or use another server with -Dota.serverId");
        }
        return Optional.of(password);
    }
}
