package io.github.mpota.core.v2;

import io.github.mpota.core.client.ProgressFormat;
import io.github.mpota.core.client.PushResult;
import io.github.mpota.core.client.PushSummary;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a push went, whatever the protocol: which files were sent, skipped as unchanged and removed, the bytes
 * both ways (v2 only; 0 when not counted), and whether the board reboots.
 *
 * @param v1Result for a v1 push that sent an update, its result (the v1 summary lines); null otherwise
 */
public record PushOutcome(String board, int protocol, List<String> sent, List<String> unchanged,
        List<String> deleted, long bytesSent, long bytesReceived, long compressedBytes, boolean rebooting,
        Duration elapsed, PushResult v1Result) {

    public PushOutcome {
        sent = List.copyOf(sent);
        unchanged = List.copyOf(unchanged);
        deleted = List.copyOf(deleted);
    }

    public boolean nothingChanged() {
        return sent.isEmpty() && deleted.isEmpty();
    }

    /** The lines a front end logs. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        if (v1Result != null) {
            if (!unchanged.isEmpty()) {
                out.add("Changed since the last push to " + board + " (ota.changedOnly): " + sent.size() + " sent, "
                        + unchanged.size() + " unchanged");
            }
            out.addAll(PushSummary.lines(v1Result));
            return out;
        }
        String how = protocol == 2 ? "protocol v2" : "protocol v1";
        if (nothingChanged()) {
            out.add("Nothing changed on " + board + " (" + how + "): " + unchanged.size() + " unchanged, no file written"
                    + (rebooting ? "; rebooting as asked (ota.reboot=always)" : ", no reboot"));
        } else {
            out.add("Delta push to " + board + " (" + how + "): " + sent.size() + " sent, " + unchanged.size()
                    + " unchanged, " + deleted.size() + " removed");
            // Each file only when the push was a delta: when every file went, the count says it all.
            if (!unchanged.isEmpty() || !deleted.isEmpty()) {
                for (String s : sent) {
                    out.add("  sent    " + s);
                }
            }
            for (String d : deleted) {
                out.add("  removed " + d);
            }
            out.add((rebooting ? "The board reboots" : "The board does not reboot") + "; "
                    + ProgressFormat.bytes(compressedBytes) + " payload"
                    + (bytesSent > 0 ? ", " + bytesSent + " bytes sent and " + bytesReceived + " received" : "")
                    + " in " + elapsed.toMillis() + " ms");
        }
        return out;
    }
}
