package io.github.mpota.maven;

import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal shares: the build's session and project, and skipping, either every goal of the plugin
 * ({@code ota.skip}) or one goal ({@code ota.push.skip}, {@code ota.check.skip}...).
 */
public abstract class AbstractOtaMojo extends AbstractMojo {

    /** Skip every goal of this plugin. */
    @Parameter(property = "ota.skip", defaultValue = "false")
    protected boolean skip;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Parameter(defaultValue = "${project}", readonly = true)
    protected MavenProject project;

    /** This goal's own skip parameter, such as {@code ota.push.skip}. */
    protected abstract boolean skipThisGoal();

    /** The name of this goal's own skip property, for the message that says why nothing happened. */
    protected abstract String skipProperty();

    /** True, after saying so, when this goal is to do nothing. */
    protected boolean skipped(String what) {
        if (skip || skipThisGoal()) {
            getLog().info("Skipping " + what + " (" + (skip ? "ota.skip" : skipProperty()) + ")");
            return true;
        }
        return false;
    }

    /** True when a person can answer a prompt and watch a redrawn line: not -B, and a terminal attached. */
    protected boolean interactive() {
        return session != null && session.getRequest() != null && session.getRequest().isInteractiveMode();
    }
}
