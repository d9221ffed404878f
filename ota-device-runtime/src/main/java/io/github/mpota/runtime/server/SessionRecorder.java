package io.github.mpota.runtime.server;

import io.github.mpota.core.device.DeviceListener;
import io.github.mpota.core.protocol.Reply;
import io.github.mpota.runtime.transcript.Transcript;
import io.github.mpota.runtime.transcript.TranscriptEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What one session tells the transcript and the board's log, and what it has sent and written so far. It hears
 * every word of the connection as the {@link DeviceListener} of its {@code DeviceConnection}.
 */
final class SessionRecorder implements DeviceListener {

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

    void event(String type, Object... keyValues) {
        transcript.record(session, type, keyValues);
    }

    void log(String line) {
        log.accept(line);
    }

    @Override
    public void challengeSent(int attempt, String challenge) {
        event(TranscriptEvent.Type.CHALLENGE, "attempt", attempt, "challenge", challenge);
    }

    @Override
    public void responseChecked(int attempt, boolean accepted, int receivedBytes) {
        event(TranscriptEvent.Type.AUTH, "attempt", attempt, "accepted", accepted, "received_bytes", receivedBytes);
    }

    @Override
    public void responseUnreadable(int attempt, String why) {
        event(TranscriptEvent.Type.AUTH, "attempt", attempt, "accepted", false, "error", why);
    }

    @Override
    public void replySent(Reply reply) {
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
