package io.github.mpota.benchmark.report;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The machine the figures come from, as far as the JVM can tell. */
public final class Machine {

    private Machine() {
    }

    public static String describe() {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return String.format(Locale.ROOT, "%d cores (%s), %.1f GiB memory, %s %s %s; %s %s (%s)",
                Runtime.getRuntime().availableProcessors(), cpuModel(),
                os.getTotalMemorySize() / (1024.0 * 1024 * 1024), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("os.arch"), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("java.vendor"));
    }

    /** The one-minute load average, or "unknown". */
    public static String load() {
        double l = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", l);
    }

    private static String cpuModel() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux: the count of cores is what matters
        }
        return "CPU model unknown";
    }
}
