package io.github.mpota.core.device;

/**
 * How a device reads the two messages of fixed length, the 64-byte response (step 2) and the 10-byte length field
 * (step 4). The metadata and the payload are always read to exactly their declared length.
 */
public enum FixedLengthReads {
    /**
     * One {@code recv(n)} each, whatever has arrived, as the reference device reads them: a message split across
     * TCP segments arrives cut, and a response that is not valid UTF-8 ends the connection without a word.
     */
    REFERENCE,
    /** Exactly {@code n} bytes, however TCP splits them; a response that is not valid UTF-8 is a wrong response. */
    EXACT
}
