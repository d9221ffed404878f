package io.github.mpota.runtime.server;

import io.github.mpota.core.metadata.FileEntry;
import io.github.mpota.runtime.config.ConfigException;
import io.github.mpota.runtime.config.DeviceConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A pushed settings file that would not load at boot leaves the board without an OTA password, and so without OTA:
 * the hardened board reads the staged copy with the boot's own rules ({@link DeviceConfig#parse}) before its journal,
 * and refuses the whole update when it would not load. The file checked is {@value DeviceConfig#DEVICE_FILE} in the
 * root, the one a board reads at boot, under any name a folding filesystem takes for it.
 */
final class SettingsFileCheck {

    /** Where a device path's staged copy is. */
    @FunctionalInterface
    interface StagedFiles {
        Path staged(String devicePath) throws IOException;
    }

    private SettingsFileCheck() {
    }

    static void check(List<FileEntry> files, StagedFiles staging) throws UpdateFailure {
        String settings = ReservedNames.fold(DeviceConfig.DEVICE_FILE);
        for (FileEntry f : files) {
            if (!ReservedNames.fold(f.path()).equals(settings)) {
                continue;
            }
            try {
                DeviceConfig.parse(Files.readAllBytes(staging.staged(f.path())), f.path());
            } catch (ConfigException e) {
                throw new UpdateFailure("the pushed " + f.path() + " would not load at boot and would lock the"
                        + " board out of OTA: " + e.getMessage() + "; nothing was changed");
            } catch (IOException e) {
                throw new UpdateFailure("cannot read the staged " + f.path() + " to check it: " + e.getMessage()
                        + "; nothing was changed");
            }
        }
    }
}
