package io.github.mpota.maven;

import io.github.mpota.conformance.ConformanceException;
import io.github.mpota.conformance.ConformanceKit;
import io.github.mpota.conformance.ConformanceOptions;
import io.github.mpota.conformance.ConformanceReport;
import io.github.mpota.conformance.scenario.ExpectationSet;
import io.github.mpota.conformance.scenario.RunMode;
import io.github.mpota.conformance.scenario.ScenarioCatalog;
import io.github.mpota.core.protocol.Protocol;
import java.io.Console;
import java.io.File;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Component;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Plays the wire contract's scenarios against a board and says, scenario by scenario, whether it behaves as a
 * board of the expected kind must; a JUnit report goes to {@code target/ota-conformance}. Fails the build when any
 * scenario failed. The safe run (the default) never writes to the board or reboots it.
 */
@Mojo(name = "conformance", requiresProject = false, threadSafe = true)
public class ConformanceMojo extends AbstractMojo {

    /** The board: an IP address or a host name. Required unless {@code ota.dryRun}. */
    @Parameter(property = "ota.host")
    String host;

    /** The board's OTA port. */
    @Parameter(property = "ota.port", defaultValue = "" + Protocol.DEFAULT_PORT)
    int port;

    /**
     * The kind of board it must behave as: {@code upstream} (the original OTAUpdater, as ota:check and
     * ota:device-start assume by default) or {@code hardened} (our MicroPython server).
     */
    @Parameter(property = "ota.expect", defaultValue = "upstream")
    String expect;

    /** {@code safe}: no writes, no reboot; {@code full}: also the scenarios that write under conformance/ and reboot. */
    @Parameter(property = "ota.conformance", defaultValue = "safe")
    String conformance;

    /** Scenario ids or id prefixes to run, for example {@code 3.2,5}; all when empty. */
    @Parameter(property = "ota.conformance.cases")
    List<String> cases;

    /** Also run the strict scenarios (how the device reads split segments, reset or orderly close). */
    @Parameter(property = "ota.conformance.strict", defaultValue = "false")
    boolean strict;

    /** The free bytes the board reports ({@code f_bsize * f_bfree}), when known: runs the exact space-boundary scenarios. */
    @Parameter(property = "ota.conformance.freeBytes")
    Long freeBytes;

    /** The board's filesystem as a local folder (a device runtime's root): the files each scenario leaves are checked. */
    @Parameter(property = "ota.boardRoot")
    File boardRoot;

    /** List the scenarios that would run, and stop without connecting. */
    @Parameter(property = "ota.dryRun", defaultValue = "false")
    boolean dryRun;

    /** The id of the {@code <server>} in settings.xml that holds the OTA password. */
    @Parameter(property = "ota.serverId", defaultValue = "ota")
    String serverId;

    /** Where the JUnit XML report goes. */
    @Parameter(property = "ota.conformance.reportDirectory", defaultValue = "${project.build.directory}/ota-conformance")
    File reportDirectory;

    /** Skip this goal. */
    @Parameter(property = "ota.skip", defaultValue = "false")
    boolean skip;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true)
    MavenProject project;

    @Parameter(defaultValue = "${settings}", readonly = true)
    Settings settings;

    @Component
    SettingsDecrypter settingsDecrypter;

    /** Where the password prompt comes from; a field so that tests can answer it. */
    PasswordResolution.Prompt prompt = this::consolePrompt;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Skipping the conformance run (ota.skip)");
            return;
        }
        ExpectationSet set;
        RunMode run;
        try {
            set = ExpectationSet.parse(expect);
            run = RunMode.parse(conformance);
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage() + " (-Dota.expect, -Dota.conformance)");
        }
        ConformanceKit kit = new ConformanceKit(ScenarioCatalog.load(), getLog()::info);
        ConformanceOptions options = ConformanceOptions.of(host == null ? "" : host.trim(), port, null, set)
                .withRun(run).withStrict(strict).withIds(cases == null ? List.of() : cases)
                .withBoardRoot(boardRoot == null ? null : boardRoot.toPath())
                .withFreeBytes(freeBytes == null ? OptionalLong.empty() : OptionalLong.of(freeBytes))
                .withReportDir(reportDirectory.toPath());
        try {
            if (dryRun) {
                kit.dryRun(options);
                return;
            }
            if (host == null || host.isBlank()) {
                throw new MojoExecutionException("no board host: pass -Dota.host=<address or name.local>, or set"
                        + " <host> in the plugin's configuration");
            }
            PasswordResolution.Resolved password = new PasswordResolution(
                    MavenProperties.find(session, project, PasswordResolution.PROPERTY), serverId,
                    new MavenSettingsServerCredentials(settings, settingsDecrypter), prompt).resolve(host);
            getLog().info("Conformance of " + host + ":" + port + " as a " + set.label() + " board, " + run.label()
                    + " run" + (strict ? " with the strict scenarios" : "") + ", " + password);
            ConformanceReport report = kit.run(options.withPassword(password.password()));
            getLog().info("JUnit report in " + reportDirectory);
            if (report.failed() > 0) {
                throw new MojoFailureException(report.summary() + "; the lines above say, per scenario, what was"
                        + " expected and what the board did (docs/CONFORMANCE.md: how to read a failure)");
            }
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException(e.getMessage() + " (-Dota.conformance.cases)");
        } catch (ConformanceException e) {
            throw new MojoExecutionException(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MojoExecutionException("interrupted during the conformance run");
        }
    }

    private Optional<char[]> consolePrompt(String question) {
        Console console = System.console();
        boolean interactive = session != null && session.getRequest() != null
                && session.getRequest().isInteractiveMode();
        if (!interactive || console == null) {
            return Optional.empty();
        }
        return Optional.ofNullable(console.readPassword("%s", question));
    }
}
