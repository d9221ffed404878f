package io.github.mpota.core.payload;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

/** One way of turning the files' bytes into one raw deflate stream. */
interface PayloadEncoder {

    /** What made the payload, as the push summary names it. */
    String describe();

    /**
     * Deflates all of {@code in} (the files end to end, {@code fileSizes} bytes each) into {@code out} as one raw
     * deflate stream, final block included; {@code out} is left open.
     *
     * @param budget null for no limit; else the encoder gives up with {@link OverBudgetException} as soon as it
     *     knows it cannot finish within it (encoders that always finish fast ignore it)
     */
    void encode(InputStream in, List<Long> fileSizes, OutputStream out, Duration budget)
            throws IOException, OverBudgetException;

    /** The encoder would not finish within its budget; what it wrote is to be thrown away. */
    final class OverBudgetException extends Exception {
        private static final long serialVersionUID = 1L;

        OverBudgetException(String message) {
            super(message, null, false, false);
        }
    }
}
