package io.github.mpota.core.protocol;

/** The phases of an update, as a user would name them when something goes wrong. */
public enum Phase {
    CONNECT("connecting"),
    CHALLENGE("waiting for the challenge"),
    AUTHENTICATION("authenticating"),
    LENGTH("sending the metadata length"),
    METADATA("sending the metadata"),
    PAYLOAD("sending the payload"),
    APPLY("waiting for the board to apply the update");

    private final String description;

    Phase(String description) {
        this.description = description;
    }

    /** Lower-case words for messages: "failed while sending the payload". */
    public String description() {
        return description;
    }
}
