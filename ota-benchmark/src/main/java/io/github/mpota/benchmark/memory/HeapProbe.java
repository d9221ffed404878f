package io.github.mpota.benchmark.memory;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * {@code java -Xmx64m -cp ... HeapProbe MAIN-CLASS ARGS...}: runs another program's main and, when the JVM exits
 * (System.exit included), prints one {@link HeapReport} line on standard output.
 *
 * <p>Two figures, because heap use alone mostly measures when the collector happened to run: the peak heap used
 * (garbage included) and the highest use right after a collection (what the program really held). The program's
 * own collections may all fall before or after its heavy part, so a sampler thread also collects every
 * {@value #SAMPLE_MILLIS} ms and reads what is left: the live data while the work is under way.
 */
public final class HeapProbe {

    public static final long SAMPLE_MILLIS = 100;
    private static final String EXPLICIT_GC_CAUSE = "System.gc()";

    private static final AtomicLong MAX_AFTER_GC = new AtomicLong();
    private static final AtomicLong MAX_BEFORE_GC = new AtomicLong();
    private static final AtomicLong GC_COUNT = new AtomicLong();

    private HeapProbe() {
    }

    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("usage: HeapProbe MAIN-CLASS [ARGS...]");
            System.exit(2);
        }
        install();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    static void install() {
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                    return;
                }
                var gcInfo = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                var info = gcInfo.getGcInfo();
                MAX_AFTER_GC.accumulateAndGet(sum(info.getMemoryUsageAfterGc(), heapPools), Math::max);
                MAX_BEFORE_GC.accumulateAndGet(sum(info.getMemoryUsageBeforeGc(), heapPools), Math::max);
                if (!EXPLICIT_GC_CAUSE.equals(gcInfo.getGcCause())) {
                    GC_COUNT.incrementAndGet();
                }
            }, null, null);
        }
        Thread sampler = new Thread(HeapProbe::sample, "heap-probe-sampler");
        sampler.setDaemon(true);
        sampler.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> System.out.println(report().toLine()),
                "heap-probe-report"));
    }

    /** Collects and reads the live heap at a steady pace until the JVM ends. */
    private static void sample() {
        while (true) {
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            System.gc();
            MAX_AFTER_GC.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                    Math::max);
        }
    }

    static HeapReport report() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        long gcs = GC_COUNT.get();
        long current = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        peak = Math.max(Math.max(peak, MAX_BEFORE_GC.get()), current);
        System.gc();
        long held = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long max = Runtime.getRuntime().maxMemory();
        return new HeapReport(peak, Math.max(MAX_AFTER_GC.get(), held), gcs, max);
    }

    private static long sum(Map<String, MemoryUsage> usage, Set<String> pools) {
        long total = 0;
        for (Map.Entry<String, MemoryUsage> e : usage.entrySet()) {
            if (pools.contains(e.getKey())) {
                total += e.getValue().getUsed();
            }
        }
        return total;
    }
}
