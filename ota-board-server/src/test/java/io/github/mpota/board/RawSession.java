package io.github.mpota.board;

import io.github.mpota.board.cases.ByteStreamCase;
import io.github.mpota.board.cases.ByteStreamReplayer;
import io.github.mpota.core.testing.Deflate;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * A push written byte by byte, as PROTOCOL.md's sequence says, for metadata that our client would never send (paths
 * it refuses or folds): the steps of a {@link ByteStreamCase}, played with {@link ByteStreamReplayer}.
 */
final class RawSession {

    static final ByteStreamReplayer REPLAYER = new ByteStreamReplayer(Duration.ofSeconds(15));

    private RawSession() {
    }

    /** Where the device answers FAIL: after the metadata (step 7's place) or after the payload (steps 9-10). */
    enum FailAt { METADATA, PAYLOAD, NOWHERE }

    /**
     * A session that pushes {@code files} (path to content, in order) with {@code password}, expecting {@code FAIL}
     * at {@code failAt}, else {@code UPDATE_SUCCESS}.
     */
    static ByteStreamCase push(String name, String password, Map<String, String> files, FailAt failAt) {
        StringBuilder meta = new StringBuilder();
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (Map.Entry<String, String> f : files.entrySet()) {
            byte[] bytes = f.getValue().getBytes(StandardCharsets.UTF_8);
            meta.append(meta.length() == 0 ? "" : ",").append("{\"path\":\"").append(f.getKey())
                    .append("\",\"size\":").append(bytes.length).append('}');
            content.writeBytes(bytes);
        }
        byte[] payload = Deflate.raw(content.toByteArray(), Deflater.BEST_COMPRESSION);
        byte[] metadata = ("{\"compressed_size\":" + payload.length + ",\"total_uncompressed\":" + content.size()
                + ",\"files\":[" + meta + "]}").getBytes(StandardCharsets.UTF_8);
        List<ByteStreamCase.Step> steps = new ArrayList<>(List.of(new ByteStreamCase.ExpectChallenge(),
                new ByteStreamCase.Respond(password, false, 1), expect("OK"),
                new ByteStreamCase.Send(String.format("%10d", metadata.length).getBytes(StandardCharsets.US_ASCII)),
                expect("OK"), new ByteStreamCase.Send(metadata)));
        if (failAt == FailAt.METADATA) {
            steps.add(expect("FAIL"));
        } else {
            steps.addAll(List.of(expect("OK"), new ByteStreamCase.Send(payload),
                    expect(failAt == FailAt.PAYLOAD ? "FAIL" : "UPDATE_SUCCESS")));
        }
        steps.add(new ByteStreamCase.ExpectClose());
        return new ByteStreamCase(name, name, password, null, null, new LinkedHashMap<>(), steps, new LinkedHashMap<>(),
                failAt == FailAt.NOWHERE);
    }

    private static ByteStreamCase.Expect expect(String word) {
        return new ByteStreamCase.Expect(word.getBytes(StandardCharsets.US_ASCII));
    }
}
