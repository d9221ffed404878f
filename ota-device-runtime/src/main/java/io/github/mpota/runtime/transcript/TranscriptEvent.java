package io.github.mpota.runtime.transcript;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One thing the board saw or did, as one JSON line: {@code {"seq":3,"time":"...","session":1,"event":"auth",
 * "attempt":1,"accepted":true}}.
 *
 * @param seq the event's number over the runtime's life, from 1
 * @param time when it happened
 * @param session the client session it belongs to, or 0 for board events (boot, reboot)
 * @param type what happened: one of the {@code Type} names
 * @param data the event's details, in a stable order
 */
public record TranscriptEvent(long seq, Instant time, int session, String type, Map<String, Object> data) {

    /** The event types, as written in the {@code event} field. */
    public static final class Type {
        public static final String BOOT = "boot";
        public static final String LISTENING = "listening";
        public static final String CONNECT = "connect";
        public static final String CHALLENGE = "challenge";
        public static final String AUTH = "auth";
        public static final String LENGTH = "length";
        public static final String METADATA = "metadata";
        public static final String SPACE_CHECK = "space_check";
        public static final String PAYLOAD = "payload";
        public static final String FILE_WRITTEN = "file_written";
        public static final String REPLY = "reply";
        public static final String CLOSE = "close";
        public static final String REBOOT = "reboot";
        /** A step of a protocol v2 session ({@code step}: client_proof, state, manifest, result). */
        public static final String V2 = "v2";

        private Type() {
        }
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    public TranscriptEvent {
        data = Collections.unmodifiableMap(new LinkedHashMap<>(data));
    }

    /** A detail of the event, or null. */
    public Object get(String key) {
        return data.get(key);
    }

    /** The event as one line of JSON, without a line break. */
    public String toJson() {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("seq", seq);
        node.put("time", time.toString());
        node.put("session", session);
        node.put("event", type);
        for (Map.Entry<String, Object> e : data.entrySet()) {
            node.set(e.getKey(), MAPPER.valueToTree(e.getValue()));
        }
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a transcript event is always serialisable", e);
        }
    }

    @Override
    public String toString() {
        return toJson();
    }
}
