package io.github.mpota.core.client;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;

/** The closing lines of a successful push, the same for every front end. */
public final class PushSummary {

    private PushSummary() {
    }

    public static List<String> lines(PushResult result) {
        String ratio = result.uncompressedBytes() == 0 ? "nothing to compress"
                : String.format(Locale.ROOT, "ratio %.0f%%", result.ratio() * 100);
        return List.of(
                "Pushed " + result.files() + (result.files() == 1 ? " file" : " files") + " to "
                        + address(result.device()) + " in " + ProgressFormat.duration(result.elapsed()),
                "  " + ProgressFormat.bytes(result.uncompressedBytes()) + " raw (" + result.uncompressedBytes()
                        + " bytes), " + ProgressFormat.bytes(result.compressedBytes()) + " compressed ("
                        + result.compressedBytes() + " bytes), " + ratio,
                "  throughput " + throughput(result),
                "The board answered UPDATE_SUCCESS and is rebooting.");
    }

    private static String throughput(PushResult result) {
        String rate = ProgressFormat.rate(result.compressedBytes(), result.elapsed());
        return rate.isEmpty() ? "too fast to measure" : rate;
    }

    private static String address(InetSocketAddress device) {
        return device == null ? "the board" : device.getHostString() + ":" + device.getPort();
    }
}
