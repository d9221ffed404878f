package io.github.mpota.core.selection;

import java.nio.file.Path;

/** A file chosen for an update: where it is on this machine and the path it gets on the device. */
public record SourceFile(Path localPath, String devicePath, long size) {
}
