package io.github.mpota.benchmark.delta;

import java.time.Duration;

/**
 * One push of the delta benchmark: bytes on the wire each way (measured by a relay), the file bytes the board
 * wrote, the files sent, and the client's push time.
 */
public record DeltaRow(String scenario, int filesSent, long clientToBoard, long boardToClient, long bytesWritten,
        Duration pushTime) {

    public long wireBytes() {
        return clientToBoard + boardToClient;
    }
}
