package io.github.mpota.core.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.mpota.core.auth.ChallengeSequence;
import io.github.mpota.core.client.ClientOptions;
import io.github.mpota.core.client.OtaClient;
import io.github.mpota.core.client.PasswordSource;
import io.github.mpota.core.client.ProgressListener;
import io.github.mpota.core.client.PushException;
import io.github.mpota.core.client.PushFailure;
import io.github.mpota.core.client.PushResult;
import io.github.mpota.core.device.AuthOutcome;
import io.github.mpota.core.device.DeviceConnection;
import io.github.mpota.core.device.DeviceListener;
import io.github.mpota.core.device.FixedLengthReads;
import io.github.mpota.core.metadata.FileEntry;
import io.github.mpota.core.metadata.Metadata;
import io.github.mpota.core.metadata.MetadataCodec;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.payload.PayloadDeflater;
import io.github.mpota.core.payload.PayloadInflater;
import io.github.mpota.core.protocol.LengthHeader;
import io.github.mpota.core.protocol.Protocol;
import io.github.mpota.core.protocol.ProtocolException;
import io.github.mpota.core.protocol.Reply;
import io.github.mpota.core.selection.FileSelection;
import io.github.mpota.core.selection.FileSelector;
import io.github.mpota.core.selection.SourceFile;
import io.github.mpota.core.testing.Trees;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java core against an independent implementation, in both directions: CPython's zlib inflates what jzlib
 * deflates and jzlib inflates what CPython's zlib deflates, and each side's handshake satisfies the other's.
 */
@Timeout(value = 40, unit = TimeUnit.SECONDS)
class PythonInteropTest {

    private static final String PASSWORD = "s3cret-pw";
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path tmp;

    private static ClientOptions options(int port) {
        return new ClientOptions("127.0.0.1", port, Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofSeconds(20), 1, Duration.ZERO);
    }

    /** The project, plus a pymakr.conf and the files it drops; returns what a device must end up holding. */
    private Map<String, byte[]> writeSource(Path src) {
        Map<String, byte[]> files = new LinkedHashMap<>(Trees.mixedProject());
        files.put("pymakr.conf", Trees.utf8("{\"py_ignore\": [\".git\", \"__pycache__\"]}"));
        Trees.write(src, files);
        Trees.write(src, Map.of(".git/HEAD", Trees.utf8("ref: refs/heads/main\n"), ".gitignore",
                Trees.utf8("*.pyc\n"), "lib/__pycache__/util.mpy", Trees.random(100, 7)));
        return files;
    }

    @Test
    void javaClientToPythonDevice() throws Exception {
        Path src = tmp.resolve("src");
        Path board = Files.createDirectory(tmp.resolve("board"));
        Map<String, byte[]> expected = writeSource(src);
        FileSelection selection = new FileSelector().select(src);
        try (PythonPeer device = PythonPeer.start("device", "--password", PASSWORD, "--out", board.toString());
             PackedPayload payload = new PayloadDeflater().pack(selection.files(), tmp)) {
            int port = device.awaitReady(WAIT);
            long[] lastProgress = new long[1];
            PushResult result = new OtaClient(options(port)).push(payload, PasswordSource.of(PASSWORD),
                    (sent, total) -> lastProgress[0] = sent);
            assertEquals(0, device.awaitExit(WAIT), device.transcript());
            assertEquals(List.of("UPDATE_SUCCESS"), device.remainingLines(WAIT), device.transcript());
            assertEquals(expected.size(), result.files());
            assertEquals(payload.compressedSize(), lastProgress[0]);
        }
        Trees.assertTree(expected, board);
    }

    @Test
    void pythonClientToJavaDevice() throws Exception {
        Path src = tmp.resolve("src");
        Path board = Files.createDirectory(tmp.resolve("board"));
        Map<String, byte[]> expected = writeSource(src);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<DeviceOutcome> device = CompletableFuture.supplyAsync(() -> serveOnce(server, board));
            try (PythonPeer client = PythonPeer.start("client", "--host", "127.0.0.1", "--port",
                    String.valueOf(server.getLocalPort()), "--src", src.toString(), "--password", PASSWORD,
                    "--full-path")) {
                assertEquals(0, client.awaitExit(WAIT), client.transcript());
                assertEquals(List.of("UPDATE_SUCCESS"), client.remainingLines(WAIT), client.transcript());
            }
            DeviceOutcome outcome = device.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals("UPDATE_SUCCESS", outcome.result());
            // The independent client lists files in the order the Java selector does (folders one level at a
            // time), and its full_path keys were ignored by the strict parser.
            assertEquals(new FileSelector().select(src).files().stream().map(SourceFile::devicePath).toList(),
                    outcome.metadata().files().stream().map(FileEntry::path).toList());
        }
        Trees.assertTree(expected, board);
    }

    @Test
    void pythonClientWithTheWrongPasswordIsRefusedByTheJavaDevice() throws Exception {
        Path src = tmp.resolve("src");
        Trees.write(src, Trees.protocolExample());
        Path board = Files.createDirectory(tmp.resolve("board"));
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<DeviceOutcome> device = CompletableFuture.supplyAsync(() -> serveOnce(server, board));
            try (PythonPeer client = PythonPeer.start("client", "--host", "127.0.0.1", "--port",
                    String.valueOf(server.getLocalPort()), "--src", src.toString(), "--password", "wrong")) {
                assertEquals(1, client.awaitExit(WAIT), client.transcript());
                assertTrue(client.stderr().contains("the device refused the password (AUTH_FAIL 3 times)"),
                        client.transcript());
            }
            assertEquals("REFUSED", device.get(WAIT.toSeconds(), TimeUnit.SECONDS).result());
        }
        Trees.assertTree(Map.of(), board);
    }

    @Test
    void javaClientWithTheWrongPasswordIsRefusedByThePythonDevice() throws Exception {
        Path src = tmp.resolve("src");
        Trees.write(src, Trees.protocolExample());
        Path board = Files.createDirectory(tmp.resolve("board"));
        try (PythonPeer device = PythonPeer.start("device", "--password", PASSWORD, "--out", board.toString());
             PackedPayload payload = new PayloadDeflater().pack(new FileSelector().select(src).files(), tmp)) {
            int port = device.awaitReady(WAIT);
            PushException e = org.junit.jupiter.api.Assertions.assertThrows(PushException.class,
                    () -> new OtaClient(options(port)).push(payload, PasswordSource.of("wrong"),
                            ProgressListener.NONE));
            assertEquals(PushFailure.AUTHENTICATION_REFUSED, e.failure());
            assertEquals(1, device.awaitExit(WAIT), device.transcript());
            assertTrue(device.stderr().contains("the client failed authentication 3 times"), device.transcript());
        }
        Trees.assertTree(Map.of(), board);
    }

    /** How the test device's one connection ended, and the metadata it accepted. */
    private record DeviceOutcome(String result, Metadata metadata) {
    }

    /**
     * A small hardened device assembled from the core's device-side pieces: exact reads, strict metadata,
     * the whole payload received before anything is written, and an inflate that must end where the last
     * file ends.
     */
    private static DeviceOutcome serveOnce(ServerSocket server, Path board) {
        try (var socket = server.accept()) {
            DeviceConnection connection = new DeviceConnection(socket, DeviceListener.NONE);
            AuthOutcome auth = connection.authenticate(PASSWORD, new ChallengeSequence(new SecureRandom())::next,
                    FixedLengthReads.EXACT);
            if (auth != AuthOutcome.AUTHENTICATED) {
                return new DeviceOutcome(auth.name(), null);
            }
            Metadata metadata;
            try {
                int length = LengthHeader.parse(connection.readLengthField(FixedLengthReads.EXACT),
                        Protocol.DEFAULT_MAX_METADATA_SIZE);
                connection.send(Reply.OK);
                metadata = MetadataCodec.parse(connection.readMetadata(length));
                connection.send(Reply.OK);
                ByteArrayOutputStream payload = new ByteArrayOutputStream();
                connection.receivePayload(payload, metadata.compressedSize(), n -> { });
                new PayloadInflater().inflate(new ByteArrayInputStream(payload.toByteArray()), metadata.files(),
                        entry -> {
                            Path file = board.resolve(entry.path());
                            Files.createDirectories(file.getParent());
                            return Files.newOutputStream(file);
                        });
            } catch (ProtocolException e) {
                connection.trySend(Reply.FAIL);
                return new DeviceOutcome("FAIL " + e.getMessage(), null);
            }
            connection.send(Reply.UPDATE_SUCCESS);
            return new DeviceOutcome("UPDATE_SUCCESS", metadata);
        } catch (IOException e) {
            return new DeviceOutcome("IO " + e, null);
        }
    }
}
