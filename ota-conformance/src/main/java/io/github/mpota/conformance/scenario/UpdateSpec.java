package io.github.mpota.conformance.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * What the script's {@code header}, {@code metadata} and {@code payload} parts are built from.
 *
 * @param files the files; the payload is their content in this order, raw-deflated at level 9
 * @param set top-level metadata keys to replace or add (any JSON; the strings {@code {payload}},
 *     {@code {total}} and {@code {free}}, optionally followed by {@code -payload}, then {@code +N} or {@code -N},
 *     become those numbers; so do files' declared sizes)
 * @param remove top-level metadata keys to leave out
 * @param digest {@code right} or {@code wrong} to add {@code content_sha256}, else none
 * @param metadataText the metadata's exact text instead ({@code {dir}} replaced), or null
 * @param header the length header's exact text instead of {@code '%10d'}: {@code {n}} is the metadata's length,
 *     {@code {n:W}} right-aligned in W characters, {@code {n:-W}} left-aligned, {@code {n:0W}} zero-padded
 * @param payloadHex the payload's exact bytes instead, or null
 * @param payloadCut keep only this many bytes of the payload (compressed_size follows, unless set)
 * @param payloadAppendHex bytes added after the deflate stream, inside compressed_size
 */
public record UpdateSpec(List<FileSpec> files, Map<String, JsonNode> set, List<String> remove, String digest,
        String metadataText, String header, String payloadHex, Integer payloadCut, String payloadAppendHex) {
}
