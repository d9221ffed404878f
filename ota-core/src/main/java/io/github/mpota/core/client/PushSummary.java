package io.github.mpota.core.client;

import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.selection.FileSelection;
import io.github.mpota.core.selection.SourceFile;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The lines a push prints before and after it, the same for every front end (plugin, command line). */
public final class PushSummary {

    private PushSummary() {
    }

    /**
     * What a dry run shows: the files, their sizes, and the space the board needs; nothing is sent.
     *
     * @param target {@code host:port}, or null when no board was named
     * @param blockSize the block size of the board's filesystem
     * @param staged true when the board runs our server (it stages the update), false for the reference server
     */
    public static List<String> dryRun(FileSelection selection, PackedPayload payload, String source, String target,
            int blockSize, boolean staged) {
        List<String> lines = new ArrayList<>();
        lines.add("Dry run: would push " + files(selection.files().size()) + " from " + source
                + (target == null ? "" : " to " + target));
        for (SourceFile f : selection.files()) {
            lines.add(String.format(Locale.ROOT, "  %10d  %s", f.size(), f.devicePath()));
        }
        lines.add("Total " + ProgressFormat.bytes(payload.uncompressedSize()) + " raw, "
                + ProgressFormat.bytes(payload.compressedSize()) + " compressed; the board needs "
                + spaceNeed(payload, blockSize, staged) + ". Nothing sent.");
        return lines;
    }

    /** {@code N bytes free (B blocks of 4096: ...)}, for a dry run or a failure. */
    public static String spaceNeed(PackedPayload payload, int blockSize, boolean staged) {
        long blocks = SpaceNeed.blocks(payload.metadata(), blockSize, staged);
        return SpaceNeed.bytes(payload.metadata(), blockSize, staged) + " bytes free ("
                + blocks + " blocks of " + blockSize + " for the files, their folders and the received payload"
                + (staged ? " on our server, which stages the update" : " on the reference server")
                + "; its own check before the payload asks for " + payload.metadata().spaceNeeded() + ")";
    }

    /** The line before the connection: what goes where. */
    public static String pushing(PackedPayload payload, String target, String passwordSource) {
        return "Pushing " + files(payload.metadata().files().size()) + " ("
                + ProgressFormat.bytes(payload.uncompressedSize()) + ", "
                + ProgressFormat.bytes(payload.compressedSize()) + " compressed) to " + target
                + (passwordSource == null ? "" : ", " + passwordSource);
    }

    /** {@code Attempt 1/4: <why>; retrying in 1.0 s}: a connection retry, as every front end logs it. */
    public static String retry(int attempt, int attempts, String reason, java.time.Duration delay) {
        return "Attempt " + (attempt - 1) + "/" + attempts + ": " + reason + "; retrying in "
                + ProgressFormat.duration(delay);
    }

    /** The line while the board writes: after 100 % it says nothing until it answers. */
    public static String waiting(int files, String timeout) {
        return "Waiting for the board to write " + files(files) + " (up to " + timeout + ")";
    }

    /** The closing lines of a successful push. */
    public static List<String> lines(PushResult result) {
        String ratio = result.uncompressedBytes() == 0 ? "nothing to compress"
                : String.format(Locale.ROOT, "ratio %.0f%%", result.ratio() * 100);
        String rate = ProgressFormat.rate(result.compressedBytes(), result.sending());
        return List.of(
                "Pushed " + files(result.files()) + " to " + address(result.device()) + " in "
                        + ProgressFormat.duration(result.elapsed()) + ": connect, authentication and metadata "
                        + ProgressFormat.duration(result.handshake()) + ", sending "
                        + ProgressFormat.duration(result.sending())
                        + (rate.isEmpty() ? "" : " (transfer rate " + rate + ")") + ", the board's apply "
                        + ProgressFormat.duration(result.apply()),
                "  " + ProgressFormat.bytes(result.uncompressedBytes()) + " raw (" + result.uncompressedBytes()
                        + " bytes), " + ProgressFormat.bytes(result.compressedBytes()) + " compressed ("
                        + result.compressedBytes() + " bytes), " + ratio,
                "The board answered UPDATE_SUCCESS and is rebooting.");
    }

    static String files(int n) {
        return n + (n == 1 ? " file" : " files");
    }

    private static String address(InetSocketAddress device) {
        return device == null ? "the board" : device.getHostString() + ":" + device.getPort();
    }
}
