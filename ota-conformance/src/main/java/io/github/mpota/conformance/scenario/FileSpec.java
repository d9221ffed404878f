package io.github.mpota.conformance.scenario;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A file of an update: its path as the metadata lists it ({@code {dir}} stands for the scenario's folder), its
 * bytes ({@code text} repeated {@code repeat} times, or {@code hex}), and optionally the size the metadata
 * declares instead of the real one (any JSON value).
 */
public record FileSpec(String path, String text, String hex, Integer repeat, JsonNode size) {
}
