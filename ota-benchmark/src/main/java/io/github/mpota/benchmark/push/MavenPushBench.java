package io.github.mpota.benchmark.push;

import io.github.mpota.benchmark.Repetitions;
import io.github.mpota.benchmark.corpus.Project;
import io.github.mpota.benchmark.report.Stats;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * Times {@code mvn -B -q -o <plugin>:push} into a device runtime in this JVM, and {@code mvn -B -q -o validate}
 * on the same trivial POM for Maven's own start-up, alternating the two. Offline, so that no repository check
 * adds network time; the plugin must be installed in the local repository ({@code mvn install}).
 */
public final class MavenPushBench {

    private static final long MVN_TIMEOUT_SECONDS = 300;

    private final String mvn;
    private final Path workDir;

    public MavenPushBench(String mvn, Path workDir) {
        this.mvn = mvn;
        this.workDir = workDir;
    }

    /** {@code groupId:artifactId:version} of the plugin built with this benchmark. */
    public static String pluginCoordinates() throws IOException {
        Properties p = new Properties();
        try (InputStream in = MavenPushBench.class.getResourceAsStream("/ota-benchmark.properties")) {
            if (in == null) {
                throw new IOException("ota-benchmark.properties is not on the class path; build the module with"
                        + " Maven (mvn -B -q install -pl ota-benchmark)");
            }
            p.load(in);
        }
        return p.getProperty("plugin.groupId") + ":" + p.getProperty("plugin.artifactId") + ":"
                + p.getProperty("plugin.version");
    }

    /** The first line of {@code mvn -v}, for the machine description. */
    public String mavenVersion() throws IOException {
        Path log = workDir.resolve("mvn-version.log");
        run(List.of(mvn, "-v"), log);
        String first = Files.readAllLines(log, StandardCharsets.UTF_8).stream().findFirst().orElse("");
        return first.replaceAll("\u001B\\[[;\\d]*m", "").trim();
    }

    public MavenRow run(Project project, Repetitions reps) throws IOException {
        Path dir = Files.createDirectories(workDir.resolve("maven-" + project.name()));
        Path pom = dir.resolve("pom.xml");
        Files.writeString(pom, """
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>io.github.mpota.benchmark</groupId>
                  <artifactId>%s-project</artifactId>
                  <version>1</version>
                  <packaging>pom</packaging>
                </project>
                """.formatted(project.name()));
        String goal = pluginCoordinates() + ":push";
        List<Long> startup = new ArrayList<>();
        List<Long> push = new ArrayList<>();
        try (BenchmarkBoard board = new BenchmarkBoard(dir.resolve("board"))) {
            List<String> validate = List.of(mvn, "-B", "-q", "-o", "-f", pom.toString(), "validate");
            List<String> pushCmd = List.of(mvn, "-B", "-q", "-o", "-f", pom.toString(), goal,
                    "-Dota.host=127.0.0.1", "-Dota.port=" + board.port(), "-Dota.password=" + BenchmarkBoard.PASSWORD,
                    "-Dota.src=" + project.sourceDir());
            for (int i = 0; i < reps.total(); i++) {
                boolean measured = i >= reps.warmUps();
                long s = run(validate, dir.resolve("validate.log"));
                long p = run(pushCmd, dir.resolve("push.log"));
                board.awaitNextSuccess();
                if (measured) {
                    startup.add(s);
                    push.add(p);
                }
            }
        }
        return new MavenRow(project.name(), Stats.median(startup), Stats.median(push), reps.measured());
    }

    /** Runs a command to completion and returns its wall time; its output goes to {@code log}. */
    private long run(List<String> cmd, Path log) throws IOException {
        long t0 = System.nanoTime();
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new IOException("cannot run '" + cmd.get(0) + "' (" + e.getMessage() + "); put Maven on the PATH"
                    + " or pass --mvn PATH", e);
        }
        p.getOutputStream().close();
        try {
            if (!p.waitFor(MVN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", cmd) + " did not finish within " + MVN_TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running Maven", e);
        }
        long t = System.nanoTime() - t0;
        if (p.exitValue() != 0) {
            List<String> out = Files.readAllLines(log, StandardCharsets.UTF_8);
            throw new IOException(String.join(" ", cmd).replace(BenchmarkBoard.PASSWORD, "***") + " failed (exit "
                    + p.exitValue() + "); is the plugin installed (mvn -B -q install -DskipTests)? Its output:\n  "
                    + String.join("\n  ", out.subList(Math.max(0, out.size() - 15), out.size())));
        }
        return t;
    }
}
