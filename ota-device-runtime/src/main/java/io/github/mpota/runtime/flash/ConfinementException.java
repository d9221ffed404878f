package io.github.mpota.runtime.flash;

import java.io.IOException;

/** A path that would reach outside the runtime's root folder (.., an absolute host path, a link). Never followed. */
public class ConfinementException extends IOException {
    private static final long serialVersionUID = 1L;

    public ConfinementException(String message) {
        super(message);
    }
}
