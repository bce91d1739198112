package dev.awaitable.http;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * Samples the process for {@link ServerStats}: a daemon sampler every 25 ms keeps the peaks of
 * platform threads, carriers, resident set and virtual size (a short-lived spike between two
 * samples is caught for platform threads by the JVM's own peak, which {@link #resetPeaks} resets
 * too, not for the others).
 *
 * <p>Race (sample vs reset): a sample taken just before a reset may land just after it and
 * carry an older, higher count into the new period. Racy, but benign: it is off by one sample
 * period (25 ms) at most.
 */
final class StatsCollector implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 25;

    private final HttpService service;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final IntSupplier carriers = CarrierThreads.counter();
    private final AtomicInteger peakPlatform = new AtomicInteger();
    private final AtomicInteger peakCarriers = new AtomicInteger();
    private final AtomicLong peakRss = new AtomicLong(-1);
    private final AtomicLong peakVmSize = new AtomicLong(-1);
    private final Thread sampler;

    StatsCollector(HttpService service) {
        this.service = service;
        this.sampler = new Thread(this::sample, "http-stats-sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    private void sample() {
        while (!Thread.currentThread().isInterrupted()) {
            peakPlatform.accumulateAndGet(threads.getThreadCount(), Math::max);
            peakCarriers.accumulateAndGet(carriers.getAsInt(), Math::max);
            peakMemory(procStatus());
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    ServerStats stats() {
        Long[] status = procStatus();
        int live = threads.getThreadCount();
        int carriersNow = carriers.getAsInt();
        int peak =
                Math.max(live, Math.max(threads.getPeakThreadCount(), peakPlatform.accumulateAndGet(live, Math::max)));
        int peakCarrier = peakCarriers.accumulateAndGet(carriersNow, Math::max);
        peakMemory(status);
        long gcCount = 0;
        long gcTime = 0;
        for (GarbageCollectorMXBean gc : collectors) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcTime += Math.max(0, gc.getCollectionTime());
        }
        return new ServerStats(
                status[0],
                status[1],
                orNull(peakRss.get()),
                orNull(peakVmSize.get()),
                live,
                peak,
                carriersNow,
                peakCarrier,
                memory.getHeapMemoryUsage().getCommitted(),
                memory.getHeapMemoryUsage().getUsed(),
                memory.getNonHeapMemoryUsage().getCommitted(),
                cpuNanos(),
                gcCount,
                gcTime,
                service.requests(),
                service.openConnections(),
                service.peakOpenConnections());
    }

    /** Restarts the thread, carrier and connection peaks from now. */
    void resetPeaks() {
        threads.resetPeakThreadCount();
        peakPlatform.set(threads.getThreadCount());
        peakCarriers.set(carriers.getAsInt());
        peakRss.set(-1);
        peakVmSize.set(-1);
        peakMemory(procStatus());
        if (service instanceof AbstractHttpService s) {
            s.resetPeaks();
        }
    }

    private void peakMemory(Long[] status) {
        if (status[0] != null) {
            peakRss.accumulateAndGet(status[0], Math::max);
        }
        if (status[1] != null) {
            peakVmSize.accumulateAndGet(status[1], Math::max);
        }
    }

    private static Long orNull(long v) {
        return v < 0 ? null : v;
    }

    private static long cpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** VmRSS and VmSize in bytes, each null if unreadable. */
    static Long[] procStatus() {
        Long[] r = new Long[2];
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    r[0] = kiloBytes(line);
                } else if (line.startsWith("VmSize:")) {
                    r[1] = kiloBytes(line);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or no /proc: nulls
        }
        return r;
    }

    private static Long kiloBytes(String line) {
        String[] parts = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
        try {
            return Long.parseLong(parts[0]) * 1024;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public void close() {
        sampler.interrupt();
    }
}
