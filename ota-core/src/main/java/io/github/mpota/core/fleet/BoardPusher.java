package io.github.mpota.core.fleet;

import io.github.mpota.core.client.ProgressListener;
import io.github.mpota.core.client.PushException;
import io.github.mpota.core.client.PushResult;

/** Pushes the fleet's one payload to one board; {@link OtaBoardPusher} does it over the wire. */
@FunctionalInterface
public interface BoardPusher {
    PushResult push(Board board, ProgressListener progress) throws PushException;
}
