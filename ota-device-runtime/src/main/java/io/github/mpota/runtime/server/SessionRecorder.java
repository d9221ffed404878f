package io.github.mpota.runtime.server;

import io.github.mpota.core.device.DeviceConnection;
import io.github.mpota.core.protocol.Reply;
import io.github.mpota.runtime.transcript.Transcript;
import io.github.mpota.runtime.transcript.TranscriptEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** What one session tells the transcript and the board's log, and what it has sent and written so far. */
final class SessionRecorder {

    private final int session;
    private final Transcript transcript;
    private final Consumer<String> log;
    private final List<String> filesWritten = new ArrayList<>();
    private String lastReply;
    private boolean rebootSkipped;

    SessionRecorder(int session, Transcript transcript, Consumer<String> log) {
        this.session = session;
        this.transcript = transcript;
        this.log = log;
    }

    int session() {
        return session;
    }

    void event(String type, Object... keyValues) {
        transcript.record(session, type, keyValues);
    }

    void log(String line) {
        log.accept(line);
    }

    /** Sends a reply and records it; an I/O error propagates (the caller decides what it means in its phase). */
    void send(DeviceConnection conn, Reply reply) throws IOException {
        conn.send(reply);
        sent(reply);
    }

    /** Sends {@code FAIL} if the socket still allows it. */
    void trySendFail(DeviceConnection conn) {
        if (conn.trySend(Reply.FAIL)) {
            sent(Reply.FAIL);
        }
    }

    /** Records a reply that a building block of ota-core has sent itself. */
    void sent(Reply reply) {
        lastReply = reply.word();
        event(TranscriptEvent.Type.REPLY, "reply", reply.word());
    }

    void fileWritten(String path, long size) {
        filesWritten.add(path);
        event(TranscriptEvent.Type.FILE_WRITTEN, "path", path, "size", size);
        log("Wrote " + path + " (" + size + " bytes)");
    }

    /** A file opened for writing (and so truncated) whose content is not complete. */
    void fileTouched(String path, long size) {
        filesWritten.add(path);
        event(TranscriptEvent.Type.FILE_WRITTEN, "path", path, "size", size, "complete", false);
    }

    List<String> filesWritten() {
        return List.copyOf(filesWritten);
    }

    /** A v2 session that changed nothing: the board stays up (docs/PROTOCOL.md, "Protocol v2"). */
    void skipReboot() {
        rebootSkipped = true;
    }

    boolean rebootSkipped() {
        return rebootSkipped;
    }

    String lastReply() {
        return lastReply;
    }
}
