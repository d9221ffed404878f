package io.github.mpota.core.fleet;

import io.github.mpota.core.client.ClientOptions;
import io.github.mpota.core.client.OtaClient;
import io.github.mpota.core.client.PasswordSource;
import io.github.mpota.core.client.ProgressListener;
import io.github.mpota.core.client.PushException;
import io.github.mpota.core.client.PushFailure;
import io.github.mpota.core.client.PushResult;
import io.github.mpota.core.mdns.HostResolver;
import io.github.mpota.core.payload.PackedPayload;
import io.github.mpota.core.protocol.Phase;
import java.net.UnknownHostException;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Pushes the fleet's payload, packed once, to each board with the ordinary {@link OtaClient}: every board gets
 * the same bytes, and each connection reads the packed file on its own. A {@code .local} name is resolved first
 * (by multicast DNS when the system cannot), and the way it resolved is told to {@code notes}.
 */
public final class OtaBoardPusher implements BoardPusher {

    private final PackedPayload payload;
    private final Function<Board, ClientOptions> options;
    private final Function<Board, PasswordSource> passwords;
    private final HostResolver resolver;
    private final BiConsumer<Board, String> notes;

    /**
     * @param options the client settings for a board (its host and port, the timeouts shared by the fleet)
     * @param passwords the password of a board
     */
    public OtaBoardPusher(PackedPayload payload, Function<Board, ClientOptions> options,
            Function<Board, PasswordSource> passwords, HostResolver resolver, BiConsumer<Board, String> notes) {
        this.payload = payload;
        this.options = options;
        this.passwords = passwords;
        this.resolver = resolver;
        this.notes = notes;
    }

    @Override
    public PushResult push(Board board, ProgressListener progress) throws PushException {
        Board target = board;
        if (HostResolver.isLocalName(board.host())) {
            try {
                HostResolver.Resolution r = resolver.resolve(board.host());
                notes.accept(board, board.host() + " is " + r.address().getHostAddress() + " (by " + r.how() + ")");
                target = new Board(r.address().getHostAddress(), board.port());
            } catch (UnknownHostException e) {
                throw new PushException(PushFailure.HOST_NOT_FOUND, Phase.CONNECT, e.getMessage(), e);
            }
        }
        return new OtaClient(options.apply(target)).push(payload, passwords.apply(board), progress);
    }
}
