package io.github.mpota.core.fleet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mpota.core.client.ProgressFormat;
import io.github.mpota.core.fleet.BoardOutcome.Result;
import io.github.mpota.core.payload.PackedPayload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The end of a fleet push: a table for people, a JSON file for scripts, and the boards that failed.
 *
 * @param elapsed the whole fleet push, from the first connection to the last answer
 */
public record FleetReport(FleetPlan plan, List<BoardOutcome> outcomes, Duration elapsed) {

    public FleetReport {
        outcomes = List.copyOf(outcomes);
    }

    public List<BoardOutcome> with(Result result) {
        return outcomes.stream().filter(o -> o.result() == result).toList();
    }

    public boolean allSucceeded() {
        return with(Result.SUCCEEDED).size() == outcomes.size();
    }

    /** One line per board: board, result, the phase that failed, payload bytes sent, time. */
    public List<String> table() {
        int width = Math.max("board".length(),
                outcomes.stream().mapToInt(o -> o.board().label().length()).max().orElse(0));
        int phaseWidth = Math.max("phase".length(), outcomes.stream()
                .mapToInt(o -> o.phase().map(p -> p.description().length()).orElse(0)).max().orElse(0));
        String format = "%-" + width + "s  %-7s  %-" + phaseWidth + "s  %9s  %8s";
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, format, "board", "result", "phase", "bytes", "time").stripTrailing());
        for (BoardOutcome o : outcomes) {
            boolean ran = o.result() != Result.SKIPPED;
            lines.add(String.format(Locale.ROOT, format, o.board().label(), o.result().word(),
                    o.phase().map(p -> p.description()).orElse(""), ran ? String.valueOf(o.bytes()) : "-",
                    ran ? ProgressFormat.duration(o.elapsed()) : "-").stripTrailing());
        }
        return lines;
    }

    /** {@code 2 of 3 boards updated, 1 failed, 0 skipped, in 1.2 s}. */
    public String summary() {
        return with(Result.SUCCEEDED).size() + " of " + outcomes.size() + (outcomes.size() == 1 ? " board" : " boards")
                + " updated, " + with(Result.FAILED).size() + " failed, " + with(Result.SKIPPED).size()
                + " skipped, in " + ProgressFormat.duration(elapsed);
    }

    /** Writes the report as JSON (the file's folders are created). */
    public void writeJson(Path file, PackedPayload payload) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = json.createObjectNode();
        root.put("finished", Instant.now().toString());
        root.put("elapsed_ms", elapsed.toMillis());
        ObjectNode p = root.putObject("payload");
        p.put("files", payload.metadata().files().size());
        p.put("uncompressed_bytes", payload.uncompressedSize());
        p.put("compressed_bytes", payload.compressedSize());
        payload.metadata().contentSha256().ifPresent(d -> p.put("content_sha256", d));
        ObjectNode settings = root.putObject("plan");
        settings.put("parallel", plan.parallel());
        settings.put("canary", plan.canary());
        settings.put("max_failures", plan.maxFailures().toString());
        ObjectNode counts = root.putObject("counts");
        counts.put("boards", outcomes.size());
        for (Result r : Result.values()) {
            counts.put(r.name().toLowerCase(Locale.ROOT), with(r).size());
        }
        ArrayNode boards = root.putArray("boards");
        for (BoardOutcome o : outcomes) {
            ObjectNode b = boards.addObject();
            b.put("board", o.board().label());
            b.put("host", o.board().host());
            b.put("port", o.board().port());
            b.put("canary", o.canary());
            b.put("result", o.result().name().toLowerCase(Locale.ROOT));
            if (o.phase().isPresent()) {
                b.put("phase", o.phase().get().name().toLowerCase(Locale.ROOT));
            } else {
                b.putNull("phase");
            }
            b.put("message", o.message());
            b.put("bytes", o.bytes());
            b.put("elapsed_ms", o.elapsed().toMillis());
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        json.writeValue(file.toFile(), root);
    }
}
