package io.github.mpota.maven;

import io.github.mpota.runtime.DeviceRuntime;
import io.github.mpota.runtime.DeviceRuntimeBuilder;
import io.github.mpota.runtime.flash.FlashFilesystem;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What the device goals share: the options of the device runtime, a Java stand-in for a board running the OTA
 * server, served on this machine for integration tests and for trying a push without hardware.
 *
 * <p>The board's OTA password is never a POM parameter (so that it stays out of {@code -X} output): it comes
 * from the {@code ota.devicePassword} property (command line or the POM's {@code <properties>}), else from the
 * {@code deviceConfig} file, else from {@code ota_config.json} in the device root, as on a real board.
 */
public abstract class AbstractDeviceMojo extends AbstractMojo {

    static final String DEVICE_PASSWORD_PROPERTY = "ota.devicePassword";
    /** The project, user and system property that carries the bound port to later plugins and tests. */
    static final String PORT_PROPERTY = "ota.device.port";

    /** The folder that is the board's filesystem root (created when missing). */
    @Parameter(property = "ota.deviceRoot", defaultValue = "${project.build.directory}/ota-device")
    protected File deviceRoot;

    /** The port the board listens on; 0 picks a free one (published as {@code ota.device.port}). */
    @Parameter(property = "ota.devicePort", defaultValue = "0")
    protected int devicePort;

    /** The address the board listens on. */
    @Parameter(property = "ota.deviceBindAddress", defaultValue = "127.0.0.1")
    protected String deviceBindAddress;

    /**
     * A JSON configuration file as a board has it (WIFI_SSID, WIFI_PASSWORD, OTA_PASSWORD, DEVICE_NAME, PORT),
     * read at every boot; used when {@code ota.devicePassword} is not set.
     */
    @Parameter(property = "ota.deviceConfig")
    protected File deviceConfig;

    /** The board preset whose filesystem size the board has: esp32, esp8266, rp2-pico, rp2-pico-w. */
    @Parameter(property = "ota.board", defaultValue = "esp32")
    protected String board;

    /**
     * The free bytes the board has (rounded down to whole blocks of {@code blockSize}; 0 is a full board), instead
     * of the preset's filesystem size less what the root holds.
     */
    @Parameter(property = "ota.freeBytes")
    protected Long freeBytes;

    /** The filesystem's block size in bytes: 4096 (littlefs), 512 (FAT on an SD card), 1 (byte-exact). */
    @Parameter(property = "ota.blockSize", defaultValue = "4096")
    protected int blockSize = FlashFilesystem.DEFAULT_BLOCK_SIZE;

    /** {@code upstream}: the reference server, quirks included; {@code hardened}: ours. */
    @Parameter(property = "ota.profile", defaultValue = "upstream")
    protected String profile;

    /** A JSON-lines file to which the board appends every event of its sessions. */
    @Parameter(property = "ota.transcript")
    protected File transcript;

    /** Skip this goal. */
    @Parameter(property = "ota.skip", defaultValue = "false")
    protected boolean skip;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true)
    protected MavenProject project;

    protected DeviceRuntime startDevice() throws MojoExecutionException {
        if (deviceRoot == null) {
            throw new MojoExecutionException("no device root: set -Dota.deviceRoot");
        }
        DeviceRuntimeSettings settings = new DeviceRuntimeSettings(board, freeBytes, profile, blockSize);
        DeviceRuntimeBuilder builder = DeviceRuntime.builder().root(deviceRoot.toPath())
                .bindAddress(deviceBindAddress).log(line -> getLog().info("[device] " + line));
        try {
            builder.port(devicePort);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage() + " (-Dota.devicePort)");
        }
        String password = devicePassword();
        if (password != null) {
            if (password.isEmpty()) {
                throw new MojoExecutionException("-D" + DEVICE_PASSWORD_PROPERTY + " is empty; give the password"
                        + " the board expects, or leave it out to read OTA_PASSWORD from a config file");
            }
            builder.password(password);
        } else if (deviceConfig != null) {
            builder.configFile(deviceConfig.toPath());
        }
        if (transcript != null) {
            builder.transcriptFile(transcript.toPath());
        }
        try {
            deviceRoot.mkdirs();
            settings.apply(builder, deviceRoot.toPath());
            DeviceRuntime runtime = builder.build();
            return runtime.start();
        } catch (IOException | UncheckedIOException e) {
            // The runtime's messages say why the board cannot start and what to change.
            throw new MojoExecutionException("the device runtime cannot start: " + e.getMessage()
                    + (password == null && deviceConfig == null ? " (set -D" + DEVICE_PASSWORD_PROPERTY
                            + " or -Dota.deviceConfig)" : ""));
        }
    }

    private String devicePassword() {
        return MavenProperties.find(session, project, DEVICE_PASSWORD_PROPERTY);
    }

    protected String describe(DeviceRuntime runtime) {
        return "device runtime on " + deviceBindAddress + ":" + runtime.port() + " (root " + deviceRoot + ", "
                + new DeviceRuntimeSettings(board, freeBytes, profile, blockSize).describe() + ", "
                + runtime.flash().freeBytes() + " bytes free)";
    }
}
