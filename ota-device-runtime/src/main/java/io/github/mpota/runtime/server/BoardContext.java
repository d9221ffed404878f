package io.github.mpota.runtime.server;

import io.github.mpota.runtime.flash.FlashFilesystem;
import java.security.SecureRandom;
import java.time.Duration;

/**
 * What an update needs from the board: its filesystem, the current OTA password, the randomness for challenges
 * and the I/O timeout of a connection.
 */
record BoardContext(FlashFilesystem flash, String otaPassword, SecureRandom random, Duration ioTimeout) {
}
