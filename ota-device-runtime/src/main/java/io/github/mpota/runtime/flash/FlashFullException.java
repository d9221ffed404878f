package io.github.mpota.runtime.flash;

import java.io.IOException;

/** The device filesystem has no free block left: what a littlefs board raises as OSError ENOSPC (errno 28). */
public class FlashFullException extends IOException {
    private static final long serialVersionUID = 1L;

    public FlashFullException(String message) {
        super(message);
    }
}
