package io.github.mpota.benchmark.memory;

import io.github.mpota.core.client.ClientOptions;
import io.github.mpota.core.client.OtaClient;
import io.github.mpota.core.client.PasswordSource;
import io.github.mpota.core.client.ProgressListener;
import io.github.mpota.core.client.PushException;
import io.github.mpota.core.client.PushResult;
import io.github.mpota.core.payload.Compression;
import io.github.mpota.core.payload.CompressionOptions;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.payload.PayloadDeflater;
import io.github.mpota.core.selection.FileSelection;
import io.github.mpota.core.selection.FileSelector;
import io.github.mpota.core.selection.SelectionException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code ClientPush SRC PORT PASSWORD COMPRESSION}: the plugin's side of a push (select, pack with COMPRESSION, send
 * to 127.0.0.1:PORT), alone in a JVM so that its heap can be measured; prints
 * {@code PUSHED files=N bytes=N compressed=N}, exit 1 on failure.
 */
public final class ClientPush {

    private ClientPush() {
    }

    public static void main(String[] args) {
        if (args.length != 4) {
            System.err.println("usage: ClientPush SRC PORT PASSWORD auto|best|fast");
            System.exit(2);
        }
        try {
            FileSelection selection = new FileSelector().select(Path.of(args[0]));
            OtaClient client = new OtaClient(ClientOptions.defaults("127.0.0.1", Integer.parseInt(args[1])));
            PushResult r;
            try (PackedPayload payload = new PayloadDeflater(CompressionOptions.of(
                    Compression.parse(args[3]), CompressionOptions.DEFAULT_BUDGET)).pack(selection.files(), null)) {
                r = client.push(payload, PasswordSource.of(args[2]), ProgressListener.NONE);
            }
            System.out.println("PUSHED files=" + r.files() + " bytes=" + r.uncompressedBytes() + " compressed="
                    + r.compressedBytes());
        } catch (SelectionException | PushException | IOException e) {
            System.err.println("push failed: " + e.getMessage());
            System.exit(1);
        }
    }
}
