package io.github.mpota.core.client;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns a failed push into one sentence that names the phase, says what happened and gives the way out, in
 * the words of the front end that ran it (a Maven property, a command-line flag).
 */
public final class PushAdvice {

    /**
     * How a front end names the settings that a user can change. A null name is a setting that this front end
     * does not offer; advice about it is left out.
     *
     * @param password how to supply the password, as a phrase ("-Dota.password or the server 'ota' in settings.xml")
     * @param exclude how to leave files out ("-Dota.excludes or pymakr.conf py_ignore")
     */
    public record OptionNames(String host, String port, String password, String connectTimeout,
            String connectAttempts, String retryDelay, String replyTimeout, String applyTimeout, String exclude) {
    }

    private final OptionNames names;

    /** @param names the front end's words for each setting, used in the way out of each sentence */
    public PushAdvice(OptionNames names) {
        this.names = names;
    }

    /** {@code OTA push failed while <phase>: <what happened>. <Way out>.} */
    public String sentence(PushException e) {
        String wayOut = wayOut(e);
        String message = e.getMessage();
        return "OTA push failed while " + e.phase().description() + ": " + message
                + (wayOut.isEmpty() ? "" : ". " + wayOut);
    }

    String wayOut(PushException e) {
        List<String> steps = new ArrayList<>();
        switch (e.failure()) {
            case HOST_NOT_FOUND -> {
                steps.add("check the host name" + named(names.host()) + ", or use the board's IP address");
            }
            case CONNECTION_REFUSED -> {
                steps.add("check that the board is powered, on the network and running its OTA server on that"
                        + " port" + named(names.port()));
                if (names.connectAttempts() != null) {
                    steps.add("a board that is rebooting needs a few seconds: allow more attempts with "
                            + names.connectAttempts() + (names.retryDelay() != null ? " or a longer "
                                    + names.retryDelay() : ""));
                }
            }
            case CONNECT_TIMEOUT -> {
                steps.add("check that this machine and the board are on the same network");
                if (names.connectTimeout() != null) {
                    steps.add("a slow network needs a longer " + names.connectTimeout());
                }
            }
            case AUTHENTICATION_REFUSED -> steps.add("check the password"
                    + (names.password() != null ? " (" + names.password() + ")" : "")
                    + ": it must be the board's OTA_PASSWORD; a previous push may have changed it (a pushed"
                    + " ota_config.json or config.py sets OTA_PASSWORD at the board's next boot)");
            case DEVICE_FAILED -> {
                if (e.phase() == io.github.mpota.core.protocol.Phase.PAYLOAD
                        || e.phase() == io.github.mpota.core.protocol.Phase.APPLY) {
                    steps.add("free space on the board, or push fewer files"
                            + (names.exclude() != null ? " (" + names.exclude() + ")" : ""));
                } else {
                    steps.add("the board's OTA server rejected what this client sent; check that it speaks"
                            + " the same protocol and look at its console");
                }
            }
            case CONNECTION_LOST -> steps.add("the board may have reset or lost WiFi; check its console and push"
                    + " again");
            case TIMEOUT -> {
                if (e.phase() == io.github.mpota.core.protocol.Phase.APPLY) {
                    steps.add("the board may still be writing the files: check whether it rebooted");
                    if (names.applyTimeout() != null) {
                        steps.add("a large update on slow flash needs a longer " + names.applyTimeout());
                    }
                } else {
                    steps.add("check that the board is not busy with another client");
                    if (names.replyTimeout() != null) {
                        steps.add("a slow link needs a longer " + names.replyTimeout());
                    }
                }
            }
            case UNEXPECTED_REPLY -> steps.add("check that the host" + named(names.host()) + " and port"
                    + named(names.port()) + " point at an OTA server");
            case LOCAL_ERROR -> {
                // The message already says what to fix on this machine.
            }
        }
        if (steps.isEmpty()) {
            return "";
        }
        String joined = String.join("; ", steps);
        return Character.toUpperCase(joined.charAt(0)) + joined.substring(1) + ".";
    }

    private static String named(String option) {
        return option == null ? "" : " (" + option + ")";
    }
}
