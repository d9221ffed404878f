package io.github.mpota.runtime.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.github.mpota.core.protocol.Printable;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * {@code json.loads(data.decode())} as the reference device runs it under MicroPython: the bytes must be valid
 * UTF-8; a byte order mark is not white space, so it is refused; trailing non-space text is refused; a key given
 * twice is accepted and its last value wins. The hardened profile keeps its strict parser.
 */
final class MicroPythonJson {

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    /** The parser's limits stand in for the board's MemoryError on absurd nesting or numbers. */
    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(32)
                            .maxNumberLength(40)
                            .build())
                    .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();

    private MicroPythonJson() {
    }

    /** The parsed value, or an {@link UpdateFailure} that names why the board's {@code json.loads} raises. */
    static JsonNode loads(byte[] bytes) throws UpdateFailure {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new UpdateFailure("metadata is not valid JSON: it is not valid UTF-8 ("
                    + Printable.quote(bytes) + ")");
        }
        if (text.isEmpty()) {
            throw new UpdateFailure("metadata is not valid JSON: no bytes were read as metadata");
        }
        if (text.charAt(0) == BYTE_ORDER_MARK) {
            throw new UpdateFailure("metadata is not valid JSON: it starts with a UTF-8 byte order mark, which"
                    + " MicroPython's json does not skip");
        }
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new UpdateFailure("metadata is not valid JSON: it holds only white space");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new UpdateFailure("metadata is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
