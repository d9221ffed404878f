package io.github.mpota.maven;

import org.apache.maven.plugins.annotations.Parameter;

/** What the goals that push to, check against or play a board share: which OTA server the board runs. */
public abstract class AbstractBoardMojo extends AbstractOtaMojo {

    /**
     * The OTA server the board runs: {@code upstream} for the original one (the default: a board is assumed to
     * run it unless said otherwise, so that the push and the check stay careful), {@code hardened} for ours
     * ({@code ota:install-server}). It decides the space figure (ours stages the update) and whether a folder
     * that the original server cannot create stops the push.
     */
    @Parameter(property = "ota.profile", defaultValue = "upstream")
    protected String profile;
}
