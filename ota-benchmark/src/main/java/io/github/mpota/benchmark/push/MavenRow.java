package io.github.mpota.benchmark.push;

/**
 * {@code mvn ota:push} on one project against {@code mvn validate} on the same trivial POM (medians): the
 * difference is the push itself, the rest is Maven starting up.
 */
public record MavenRow(String project, double startupNanos, double goalNanos, int repetitions) {

    public double pushNanos() {
        return goalNanos - startupNanos;
    }
}
