package io.github.mpota.runtime.server;

import io.github.mpota.core.device.DeviceConnection;
import io.github.mpota.core.device.FixedLengthReads;
import io.github.mpota.core.protocol.Reply;
import io.github.mpota.runtime.flash.FlashFilesystem;
import io.github.mpota.runtime.transcript.TranscriptEvent;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;

/** The steps that both profiles take alike, so that each is written once. */
final class UpdateSteps {

    private UpdateSteps() {
    }

    /** Step 4: the length field as the profile reads it; a failure to read ends the update. */
    static byte[] readLengthField(DeviceConnection conn, FixedLengthReads reads) throws UpdateFailure {
        try {
            return conn.readLengthField(reads);
        } catch (IOException e) {
            throw new UpdateFailure("receiving the metadata length failed: " + DeviceConnection.describe(e));
        }
    }

    /** Sends a reply of steps 5, 7 or 11; a failure to send ends the update. */
    static void send(DeviceConnection conn, Reply reply) throws UpdateFailure {
        try {
            conn.send(reply);
        } catch (IOException e) {
            throw new UpdateFailure("sending " + reply.word() + " failed: " + DeviceConnection.describe(e));
        }
    }

    /** Step 8: {@code compressed_size + total_uncompressed <= f_bsize * f_bfree}; only {@code free < needed} fails. */
    static void checkSpace(SessionRecorder rec, BigDecimal needed, long free) throws UpdateFailure {
        boolean enough = needed.compareTo(BigDecimal.valueOf(free)) <= 0;
        rec.event(TranscriptEvent.Type.SPACE_CHECK, "needed", needed, "free", free, "enough", enough);
        rec.log("Update needs " + needed.toPlainString() + " bytes, " + free + " free");
        if (!enough) {
            throw new UpdateFailure("not enough free space: the update needs " + needed.toPlainString()
                    + " bytes (compressed + uncompressed) and the board has " + free + " free");
        }
    }

    /**
     * Step 9: exactly {@code size} payload bytes from the client into {@code file} on the device.
     *
     * @param consequence what a failure here means for the board's files, appended to the failure's sentence
     */
    static void receivePayload(DeviceConnection conn, FlashFilesystem flash, Path file, long size,
            SessionRecorder rec, String consequence) throws UpdateFailure {
        long[] received = {0};
        try (OutputStream out = flash.create(file)) {
            conn.receivePayload(out, size, n -> received[0] = n);
        } catch (DeviceConnection.PayloadCutException e) {
            rec.event(TranscriptEvent.Type.PAYLOAD, "bytes", e.received(), "expected", size,
                    "error", "connection closed");
            throw new UpdateFailure("payload incomplete: the client closed the connection after " + e.received()
                    + " of " + size + " bytes" + consequence);
        } catch (PhaseDeadlines.DeadlineException e) {
            // The hardened board's deadline for the payload: the message says which and its figure.
            rec.event(TranscriptEvent.Type.PAYLOAD, "bytes", received[0], "expected", size, "error", e.getMessage());
            throw new UpdateFailure("payload incomplete: " + e.getMessage() + consequence);
        } catch (SocketException | SocketTimeoutException e) {
            rec.event(TranscriptEvent.Type.PAYLOAD, "bytes", received[0], "expected", size,
                    "error", DeviceConnection.describe(e));
            throw new UpdateFailure("payload incomplete: " + DeviceConnection.describe(e) + " after " + received[0]
                    + " of " + size + " bytes" + consequence);
        } catch (IOException e) {
            rec.event(TranscriptEvent.Type.PAYLOAD, "bytes", received[0], "expected", size, "error", e.getMessage());
            throw new UpdateFailure("cannot store the payload on the device: " + e.getMessage() + consequence);
        }
        rec.event(TranscriptEvent.Type.PAYLOAD, "bytes", Math.max(0, size), "expected", size);
    }
}
