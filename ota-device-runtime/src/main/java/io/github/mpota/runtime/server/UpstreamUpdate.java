package io.github.mpota.runtime.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mpota.core.auth.ChallengeResponse;
import io.github.mpota.core.device.AuthOutcome;
import io.github.mpota.core.device.DeviceConnection;
import io.github.mpota.core.protocol.Printable;
import io.github.mpota.core.protocol.Protocol;
import io.github.mpota.core.protocol.Reply;
import io.github.mpota.core.protocol.WireIO;
import io.github.mpota.runtime.flash.ConfinementException;
import io.github.mpota.runtime.flash.FlashFilesystem;
import io.github.mpota.runtime.transcript.TranscriptEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The reference device of PROTOCOL.md, quirks included: single {@code recv} reads, sizes used as Python uses them,
 * one-level folder creation, in-place writes that stay behind when an update fails.
 *
 * <p>One deliberate deviation: a path that would leave the root folder ({@code ..}, a link inside the root) ends
 * the update with {@code FAIL} instead of writing there. An absolute path names the root, as on a board whose
 * working directory is {@code /}.
 */
final class UpstreamUpdate implements SessionHandler {

    /** Where the payload is received before it is inflated (on the device filesystem, counted in its space). */
    static final String PAYLOAD_FILE = "ota_payload.tmp";

    private static final int CHUNK = Protocol.DEVICE_RECV_SIZE;

    @Override
    public AuthOutcome authenticate(DeviceConnection conn, BoardContext board, SessionRecorder rec)
            throws IOException {
        for (int attempt = 1; attempt <= Protocol.MAX_AUTH_ATTEMPTS; attempt++) {
            String challenge = board.challenges().next();
            conn.send(challenge.getBytes(StandardCharsets.US_ASCII));
            rec.event(TranscriptEvent.Type.CHALLENGE, "attempt", attempt, "challenge", challenge);
            byte[] response;
            try {
                response = conn.readOnce(Protocol.RESPONSE_LENGTH);
            } catch (IOException e) {
                rec.event(TranscriptEvent.Type.AUTH, "attempt", attempt, "accepted", false,
                        "error", describe(e));
                return AuthOutcome.ABORTED;
            }
            String text;
            try {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(response)).toString();
            } catch (CharacterCodingException e) {
                rec.event(TranscriptEvent.Type.AUTH, "attempt", attempt, "accepted", false,
                        "error", "response is not valid UTF-8: " + Printable.quote(response));
                return AuthOutcome.ABORTED;
            }
            // The reference compares with ==; the same result in constant time, as the response is valid UTF-8 here.
            boolean ok = ChallengeResponse.verify(challenge, board.otaPassword(), response);
            rec.event(TranscriptEvent.Type.AUTH, "attempt", attempt, "accepted", ok,
                    "received_bytes", response.length);
            if (ok) {
                rec.send(conn, Reply.OK);
                return AuthOutcome.AUTHENTICATED;
            }
            rec.send(conn, Reply.AUTH_FAIL);
        }
        return AuthOutcome.REFUSED;
    }

    @Override
    public void update(DeviceConnection conn, BoardContext board, SessionRecorder rec) throws UpdateFailure {
        FlashFilesystem flash = board.flash();
        // Step 4: one recv(10), int(data.decode().strip()).
        byte[] field = recv(conn, Protocol.LENGTH_HEADER_SIZE, "the metadata length");
        String fieldText = decode(field, "the metadata length field");
        Optional<BigInteger> parsed = PythonValues.parseInt(fieldText);
        rec.event(TranscriptEvent.Type.LENGTH, "field", Printable.quote(field),
                "length", parsed.map(BigInteger::toString).orElse(null));
        if (parsed.isEmpty()) {
            throw new UpdateFailure("metadata length field " + Printable.quote(field) + " is not an integer");
        }
        BigInteger length = parsed.get();
        if (length.compareTo(BigInteger.valueOf(Protocol.DEFAULT_MAX_METADATA_SIZE)) > 0) {
            // The board cannot hold metadata this large either (MemoryError).
            throw new UpdateFailure("metadata length " + length + " is larger than the board can receive ("
                    + Protocol.DEFAULT_MAX_METADATA_SIZE + " bytes)");
        }
        send(conn, rec, Reply.OK);

        // Step 6: recv(min(1024, remaining)) until exactly length bytes; a length <= 0 reads nothing.
        byte[] json;
        try {
            json = length.signum() <= 0 ? new byte[0] : conn.readMetadata(length.intValue());
        } catch (IOException e) {
            rec.event(TranscriptEvent.Type.METADATA, "bytes", received(e), "valid", false, "error", describe(e));
            throw new UpdateFailure("receiving the metadata failed: " + describe(e));
        }
        JsonNode metadata;
        try {
            metadata = MicroPythonJson.loads(json);
        } catch (UpdateFailure e) {
            rec.event(TranscriptEvent.Type.METADATA, "bytes", json.length, "valid", false, "error", e.getMessage());
            throw e;
        }
        // The reference answers OK as soon as the bytes parse, before it looks up a single key.
        rec.event(TranscriptEvent.Type.METADATA, "bytes", json.length, "valid", true);
        send(conn, rec, Reply.OK);
        JsonNode compressed = key(metadata, Protocol.KEY_COMPRESSED_SIZE);
        JsonNode total = key(metadata, Protocol.KEY_TOTAL_UNCOMPRESSED);

        // Step 8: compressed_size + total_uncompressed <= f_bsize * f_bfree.
        Optional<BigDecimal> c = PythonValues.number(compressed);
        Optional<BigDecimal> t = PythonValues.number(total);
        long free = flash.freeBytes();
        if (c.isEmpty() || t.isEmpty()) {
            rec.event(TranscriptEvent.Type.SPACE_CHECK, "needed", null, "free", free, "enough", false);
            throw new UpdateFailure("space check failed: cannot add " + PythonValues.typeName(compressed) + " and "
                    + PythonValues.typeName(total) + " (TypeError on the board)");
        }
        BigDecimal needed = c.get().add(t.get());
        boolean enough = needed.compareTo(BigDecimal.valueOf(free)) <= 0;
        rec.event(TranscriptEvent.Type.SPACE_CHECK, "needed", needed, "free", free, "enough", enough);
        rec.log("Update needs " + needed.toPlainString() + " bytes, " + free + " free");
        if (!enough) {
            throw new UpdateFailure("not enough free space: the update needs " + needed.toPlainString()
                    + " bytes (compressed + uncompressed) and the board has " + free + " free");
        }

        // Step 9: the payload into a file on the device, recv(min(1024, remaining)) until compressed_size.
        Optional<BigInteger> payloadSize = PythonValues.index(compressed);
        if (payloadSize.isEmpty()) {
            throw new UpdateFailure("compressed_size " + compressed + " is a " + PythonValues.typeName(compressed)
                    + ", not an integer: the board cannot receive that many bytes (TypeError)");
        }
        Path temp = resolve(flash, PAYLOAD_FILE);
        try {
            long received = receive(conn, flash, temp, payloadSize.get(), rec);
            rec.event(TranscriptEvent.Type.PAYLOAD, "bytes", received, "expected", payloadSize.get());
            // Step 10: inflate and cut, in place; 'files' is looked up only now.
            extract(flash, temp, key(metadata, Protocol.KEY_FILES), rec);
        } finally {
            try {
                flash.delete(temp);
            } catch (IOException ignored) {
                // the update's own result matters more
            }
        }
        send(conn, rec, Reply.UPDATE_SUCCESS);
    }

    private long receive(DeviceConnection conn, FlashFilesystem flash, Path temp, BigInteger size,
            SessionRecorder rec) throws UpdateFailure {
        long received = 0;
        try (OutputStream out = flash.create(temp)) {
            BigInteger remaining = size;
            while (remaining.signum() > 0) {
                int want = remaining.min(BigInteger.valueOf(CHUNK)).intValue();
                byte[] chunk;
                try {
                    chunk = conn.readOnce(want);
                } catch (IOException e) {
                    rec.event(TranscriptEvent.Type.PAYLOAD, "bytes", received, "expected", size, "error",
                            describe(e));
                    throw new UpdateFailure("payload incomplete: " + describe(e) + " after " + received + " of "
                            + size + " bytes");
                }
                if (chunk.length == 0) {
                    rec.event(TranscriptEvent.Type.PAYLOAD, "bytes", received, "expected", size, "error",
                            "connection closed");
                    throw new UpdateFailure("payload incomplete: the client closed the connection after " + received
                            + " of " + size + " bytes");
                }
                out.write(chunk);
                received += chunk.length;
                remaining = remaining.subtract(BigInteger.valueOf(chunk.length));
            }
        } catch (IOException e) {
            throw new UpdateFailure("cannot store the payload on the device: " + e.getMessage());
        }
        return received;
    }

    private void extract(FlashFilesystem flash, Path temp, JsonNode files, SessionRecorder rec)
            throws UpdateFailure {
        if (!files.isArray()) {
            throw new UpdateFailure("'files' is a " + PythonValues.typeName(files) + ", not a list of files");
        }
        try (InputStream raw = Files.newInputStream(temp); ChunkedInflater inflated = new ChunkedInflater(raw)) {
            for (int i = 0; i < files.size(); i++) {
                extractOne(flash, files.get(i), i, inflated, rec);
            }
        } catch (IOException e) {
            throw new UpdateFailure("cannot read the received payload: " + e.getMessage());
        }
    }

    private void extractOne(FlashFilesystem flash, JsonNode entry, int i, ChunkedInflater inflated,
            SessionRecorder rec)
            throws UpdateFailure {
        String where = "files[" + i + "]";
        if (!entry.isObject()) {
            throw new UpdateFailure(where + " is a " + PythonValues.typeName(entry) + ", not an object (TypeError)");
        }
        JsonNode pathNode = entry.get(Protocol.KEY_PATH);
        JsonNode sizeNode = entry.get(Protocol.KEY_SIZE);
        if (pathNode == null || sizeNode == null) {
            throw new UpdateFailure(where + " has no '" + (pathNode == null ? Protocol.KEY_PATH : Protocol.KEY_SIZE)
                    + "' key (KeyError)");
        }
        if (!pathNode.isTextual()) {
            throw new UpdateFailure(where + ".path is a " + PythonValues.typeName(pathNode) + ", not a string");
        }
        String path = pathNode.textValue();
        // One level of folder creation: os.mkdir(folder), an existing folder (EEXIST) is fine.
        int slash = path.lastIndexOf('/');
        String folder = slash < 0 ? "" : path.substring(0, slash);
        Optional<Path> dir = folder.isEmpty() ? Optional.empty() : resolveFolder(flash, folder);
        if (dir.isPresent()) {
            try {
                flash.mkdir(dir.get());
            } catch (FileAlreadyExistsException e) {
                // EEXIST (17): the folder is already there
            } catch (IOException e) {
                String parent = folder.lastIndexOf('/') < 0 ? "" : folder.substring(0, folder.lastIndexOf('/'));
                throw new UpdateFailure("cannot create folder " + folder + " for " + path
                        + (e instanceof java.nio.file.NoSuchFileException
                                ? ": the reference server creates one folder level at a time and " + parent
                                        + " does not exist"
                                : ": " + e.getMessage()));
            }
        }
        Path target = resolve(flash, path);
        long written = 0;
        try (OutputStream out = flash.create(target)) {
            boolean complete = false;
            try {
                written = copy(inflated, out, sizeNode, where, path);
                complete = true;
            } finally {
                if (!complete) {
                    rec.fileTouched(path, written);
                }
            }
        } catch (UpdateFailure e) {
            throw e;
        } catch (IOException e) {
            throw new UpdateFailure("cannot write " + path + ": " + e.getMessage());
        }
        rec.fileWritten(path, written);
    }

    /**
     * {@code while remaining > 0: chunk = d.read(min(remaining, 1024)); f.write(chunk)} with Python's view of the
     * size: a read that fails writes nothing of its chunk.
     */
    private long copy(ChunkedInflater inflated, OutputStream out, JsonNode sizeNode, String where, String path)
            throws IOException, UpdateFailure {
        Optional<BigDecimal> asNumber = PythonValues.number(sizeNode);
        if (asNumber.isEmpty()) {
            throw new UpdateFailure(where + ".size is a " + PythonValues.typeName(sizeNode)
                    + ", not a number (TypeError); " + path + " is left empty");
        }
        if (asNumber.get().signum() <= 0) {
            return 0; // a zero or negative size reads nothing: the bytes go to the next file
        }
        Optional<BigInteger> size = PythonValues.index(sizeNode);
        if (size.isEmpty()) {
            throw new UpdateFailure(where + ".size " + sizeNode + " is not a whole number (TypeError); " + path
                    + " is left empty");
        }
        BigInteger remaining = size.get();
        long written = 0;
        while (remaining.signum() > 0) {
            int want = remaining.min(BigInteger.valueOf(CHUNK)).intValue();
            byte[] chunk;
            try {
                chunk = inflated.read(want);
            } catch (IOException e) {
                throw new UpdateFailure("payload is corrupt or short: inflating failed in " + path + " after "
                        + written + " of " + size.get() + " bytes (" + e.getMessage() + "); the file keeps the "
                        + written + " bytes written before the chunk that failed");
            }
            if (chunk.length == 0) {
                throw new UpdateFailure("payload is short: the stream ends in " + path + " after " + written
                        + " of " + size.get() + " bytes; the file is left truncated");
            }
            out.write(chunk);
            written += chunk.length;
            remaining = remaining.subtract(BigInteger.valueOf(chunk.length));
        }
        return written;
    }

    /**
     * The folder that {@code os.mkdir} is asked to make, resolved inside the root; empty when it names the root
     * itself ({@code .}, {@code /}, {@code ./}), which exists already (EEXIST on the board).
     */
    private static Optional<Path> resolveFolder(FlashFilesystem flash, String folder) throws UpdateFailure {
        try {
            return flash.resolveLenient(folder + "/x").getParent().equals(flash.root())
                    ? Optional.empty() : Optional.of(resolve(flash, folder));
        } catch (ConfinementException e) {
            throw new UpdateFailure(e.getMessage());
        }
    }

    private static Path resolve(FlashFilesystem flash, String path) throws UpdateFailure {
        try {
            return flash.resolveLenient(path);
        } catch (ConfinementException e) {
            throw new UpdateFailure(e.getMessage());
        }
    }

    private static JsonNode key(JsonNode metadata, String key) throws UpdateFailure {
        if (!metadata.isObject()) {
            throw new UpdateFailure("metadata is a " + PythonValues.typeName(metadata)
                    + ", not a JSON object (TypeError)");
        }
        JsonNode n = metadata.get(key);
        if (n == null) {
            throw new UpdateFailure("metadata is missing the key '" + key + "' (KeyError)");
        }
        return n;
    }

    private static byte[] recv(DeviceConnection conn, int n, String what) throws UpdateFailure {
        try {
            return conn.readOnce(n);
        } catch (IOException e) {
            throw new UpdateFailure("receiving " + what + " failed: " + describe(e));
        }
    }

    private static String decode(byte[] bytes, String what) throws UpdateFailure {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UpdateFailure(what + " " + Printable.quote(bytes) + " is not valid UTF-8");
        }
    }

    private static void send(DeviceConnection conn, SessionRecorder rec, Reply reply) throws UpdateFailure {
        try {
            rec.send(conn, reply);
        } catch (IOException e) {
            throw new UpdateFailure("sending " + reply.word() + " failed: " + describe(e));
        }
    }

    /** How many metadata bytes arrived before the client stopped, when that is known. */
    private static Object received(IOException e) {
        return e instanceof WireIO.TruncatedReadException t ? t.received().length : null;
    }

    static String describe(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return "timed out waiting for the client";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
