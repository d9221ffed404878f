package io.github.mpota.conformance;

import io.github.mpota.conformance.scenario.ConnectionEnd;
import io.github.mpota.conformance.scenario.Scenario;
import io.github.mpota.conformance.scenario.Step;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/** Plays one scenario's script over one raw connection and records what the device said and how it ended. */
final class ScenarioRunner {

    private static final int DEFAULT_SEGMENT_PAUSE_MS = 300;

    /** What the script left behind, before the kit looks at reboots and files. */
    record Played(List<String> words, ConnectionEnd end, long endDelayMillis, String note) {
    }

    private final String password;
    private final Duration window;

    /**
     * @param window how long the kit waits for a word or for the end of the connection: longer than the device's
     *     10 s timeout plus any delay a hardened board adds before a challenge
     */
    ScenarioRunner(String password, Duration window) {
        this.password = password;
        this.window = window;
    }

    Played play(DeviceLink link, Scenario s, OptionalLong freeBytes) throws InterruptedException {
        UpdateBytes update = s.update() == null ? null : UpdateBytes.build(s.update(), s.folder(), freeBytes);
        String note = null;
        int awaited = 0;
        boolean closed = false;
        script:
        for (Step step : s.script()) {
            switch (step.op()) {
                case "read" -> {
                    awaited += step.count() == null ? 1 : step.count();
                    if (!link.awaitWords(awaited, window) || link.lastWordEnds()) {
                        // The device closes after FAIL and UPDATE_SUCCESS: sending more would only race its close.
                        break script;
                    }
                }
                case "send" -> {
                    try {
                        send(link, compose(link, step, update), step);
                    } catch (IOException e) {
                        note = "a send failed (" + e.getMessage() + ")";
                        break script;
                    }
                }
                case "pause" -> Thread.sleep(step.ms());
                case "halfClose" -> {
                    try {
                        link.halfClose();
                    } catch (IOException e) {
                        note = "the half-close failed (" + e.getMessage() + ")";
                        break script;
                    }
                }
                case "close" -> {
                    link.closeAndSettle();
                    closed = true;
                    break script;
                }
                default -> throw new IllegalStateException("unknown op " + step.op());
            }
        }
        if (!closed && !link.awaitEnd(window)) {
            link.closeAndSettle();
            return new Played(link.words(), ConnectionEnd.TIMEOUT, -1, note);
        }
        return new Played(link.words(), link.end(), link.endDelayMillis(), note);
    }

    private byte[] compose(DeviceLink link, Step step, UpdateBytes update) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (step.parts() != null) {
            for (String part : step.parts()) {
                out.writeBytes(part(link, part, update));
            }
        }
        if (step.text() != null) {
            out.writeBytes(step.text().getBytes(StandardCharsets.UTF_8));
        }
        if (step.hex() != null) {
            out.writeBytes(HexFormat.of().parseHex(step.hex()));
        }
        byte[] all = out.toByteArray();
        int from = step.from() == null ? 0 : Math.min(step.from(), all.length);
        int to = step.limit() == null ? all.length : Math.min(all.length, from + step.limit());
        return Arrays.copyOfRange(all, from, to);
    }

    private byte[] part(DeviceLink link, String part, UpdateBytes update) {
        return switch (part) {
            case "response" -> response(link.challenge(0), password);
            case "response-upper" -> new String(response(link.challenge(0), password), StandardCharsets.US_ASCII)
                    .toUpperCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
            case "response-wrong" -> response(link.challenge(0), password + "-not-the-password");
            case "response-previous" -> response(link.challenge(1), password);
            case "header" -> update.header();
            case "metadata" -> update.metadata();
            case "payload" -> update.payload();
            default -> throw new IllegalStateException("unknown part " + part);
        };
    }

    private static byte[] response(String challenge, String password) {
        return ChallengeAnswer.of(challenge, password);
    }

    private static void send(DeviceLink link, byte[] bytes, Step step) throws IOException, InterruptedException {
        List<byte[]> segments = new ArrayList<>();
        int at = 0;
        if (step.split() != null) {
            for (int size : step.split()) {
                int n = Math.min(size, bytes.length - at);
                segments.add(Arrays.copyOfRange(bytes, at, at + n));
                at += n;
            }
        }
        if (at < bytes.length || segments.isEmpty()) {
            segments.add(Arrays.copyOfRange(bytes, at, bytes.length));
        }
        int pause = step.pauseMs() == null ? DEFAULT_SEGMENT_PAUSE_MS : step.pauseMs();
        for (int i = 0; i < segments.size(); i++) {
            if (i > 0) {
                Thread.sleep(pause);
            }
            link.write(segments.get(i));
        }
    }
}
