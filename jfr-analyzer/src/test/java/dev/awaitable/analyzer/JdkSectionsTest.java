package dev.awaitable.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The JDK's sections on a recording of {@link Workload}, each provoked at a known frame with every
 * threshold at 0: what was provoked is found, at the application frame that did it, and no
 * section claims the recording left anything out.
 */
class JdkSectionsTest {
    private static final String WORKLOAD = Workload.class.getName() + ".";

    /** The CPU-bound loop is the hottest application frame; its JDK callee is the top frame; its thread is named. */
    @Test
    void hotMethodIsChargedToTheApplicationFrame() throws Exception {
        Analysis.Cpu cpu = Recordings.analysis(Recordings.blocking()).cpu();
        assertThat(cpu.recorded()).isTrue();
        assertThat(cpu.period()).isEqualTo("10 ms");
        assertThat(cpu.samples()).isPositive();
        // The loop's samples land mostly in Arrays.sort: top frames are the JDK's, charged to spin.
        assertThat(cpu.applicationMethods()).extracting(Analysis.Hot::name).contains(WORKLOAD + "spin(long)");
        assertThat(cpu.topMethods())
                .extracting(Analysis.Hot::name)
                .anySatisfy(m -> assertThat(m).startsWith("java.util.DualPivotQuicksort."));
        assertThat(cpu.threadGroups()).anySatisfy(g -> {
            assertThat(g.name()).isEqualTo(Workload.CPU_THREAD);
            assertThat(g.topMethod()).isEqualTo(WORKLOAD + "spin(long)");
        });
        long shares = cpu.topMethods().stream().mapToLong(Analysis.Hot::samples).sum();
        assertThat(shares).isLessThanOrEqualTo(cpu.samples());
    }

    /** The contended entry is found at the method that entered, with the monitor's class. */
    @Test
    void contendedMonitorBySite() throws Exception {
        Analysis.Blocking c = Recordings.analysis(Recordings.blocking()).contention();
        assertThat(c.recorded()).isTrue();
        assertThat(c.count()).isPositive();
        assertThat(c.sites()).anySatisfy(s -> {
            assertThat(s.frame()).startsWith(WORKLOAD + "contend:");
            assertThat(s.on()).isEqualTo(Workload.Lock.class.getName());
            assertThat(s.count()).isEqualTo(1);
            assertThat(s.maxMs()).isPositive();
        });
    }

    /** The park is charged to the method that awaited the latch, never to Unsafe.park or LockSupport. */
    @Test
    void parkedThreadAtTheApplicationFrame() throws Exception {
        Analysis.Parking p = Recordings.analysis(Recordings.blocking()).parking();
        assertThat(p.sites()).anySatisfy(s -> {
            assertThat(s.frame()).startsWith(WORKLOAD + "awaitLatch:");
            assertThat(s.on()).isEqualTo("java.util.concurrent.CountDownLatch$Sync");
        });
        assertThat(p.sites()).noneSatisfy(s -> assertThat(s.frame()).startsWith("jdk.internal.misc.Unsafe.park"));
        assertThat(p.topFrames()).noneSatisfy(c -> assertThat(c.name()).contains("LockSupport"));
    }

    /** The sleep is found at the method that slept. */
    @Test
    void sleepBySite() throws Exception {
        Analysis.Blocking s = Recordings.analysis(Recordings.blocking()).sleeps();
        assertThat(s.sites()).anySatisfy(site -> assertThat(site.frame()).startsWith(WORKLOAD + "nap:"));
    }

    /** Every byte sent and answered over loopback is counted, by host and at the frame that moved it. */
    @Test
    void socketIoOnLoopback() throws Exception {
        Analysis.Sockets s = Recordings.analysis(Recordings.blocking()).sockets();
        assertThat(s.recorded()).isTrue();
        // Both ends are in the recorded JVM: the server reads what the client wrote, and the other way round.
        assertThat(s.bytesWritten()).isEqualTo(Workload.SOCKET_BYTES + Workload.REPLY_BYTES);
        assertThat(s.bytesRead()).isEqualTo(Workload.SOCKET_BYTES + Workload.REPLY_BYTES);
        assertThat(s.writes()).isGreaterThanOrEqualTo(5);
        assertThat(s.byHost()).isNotEmpty();
        assertThat(s.byHost().stream().mapToLong(Analysis.Peer::bytesWritten).sum())
                .isEqualTo(s.bytesWritten());
        assertThat(s.writeSites()).anySatisfy(site -> {
            assertThat(site.frame()).startsWith(WORKLOAD + "exchange:");
            assertThat(site.bytes()).isEqualTo(Workload.SOCKET_BYTES);
        });
        assertThat(s.readSites()).anySatisfy(site -> {
            assertThat(site.frame()).startsWith(WORKLOAD + "exchange:");
            assertThat(site.bytes()).isEqualTo(Workload.REPLY_BYTES);
        });
    }

    /** Latencies by type: one row per provoked type, counts equal to the sections', in jfr's order. */
    @Test
    void latenciesByType() throws Exception {
        Analysis a = Recordings.analysis(Recordings.blocking());
        assertThat(a.latencies())
                .extracting(Analysis.LatencyByType::eventType)
                .containsSubsequence(
                        RecordingScan.MONITOR_ENTER,
                        RecordingScan.PARK,
                        RecordingScan.SLEEP,
                        RecordingScan.SOCKET_READ,
                        RecordingScan.SOCKET_WRITE);
        for (Analysis.LatencyByType l : a.latencies()) {
            assertThat(l.averageMs()).isLessThanOrEqualTo(l.maxMs());
            assertThat(l.p99Ms()).isLessThanOrEqualTo(l.maxMs());
            switch (l.eventType()) {
                case RecordingScan.MONITOR_ENTER ->
                    assertThat(l.count()).isEqualTo(a.contention().count());
                case RecordingScan.PARK ->
                    assertThat(l.count()).isEqualTo(a.parking().count());
                case RecordingScan.SLEEP ->
                    assertThat(l.count()).isEqualTo(a.sleeps().count());
                case RecordingScan.SOCKET_READ ->
                    assertThat(l.count()).isEqualTo(a.sockets().reads());
                case RecordingScan.SOCKET_WRITE ->
                    assertThat(l.count()).isEqualTo(a.sockets().writes());
                default -> {
                    // not provoked: whatever else the JVM did
                }
            }
        }
    }

    /** With every threshold at 0 nothing is hidden: no coverage line in the text. */
    @Test
    void zeroThresholdsHideNothing() throws Exception {
        Analysis a = Recordings.analysis(Recordings.blocking());
        assertThat(a.coverage())
                .filteredOn(Analysis.Coverage::enabled)
                .extracting(Analysis.Coverage::eventType)
                .contains(RecordingScan.MONITOR_ENTER, RecordingScan.PARK, RecordingScan.SOCKET_READ);
        assertThat(a.coverage()).allSatisfy(c -> assertThat(c.hidden()).isNull());
        String text = JfrAnalyzer.toText(a);
        assertThat(text)
                .contains(
                        "CPU (jdk.ExecutionSample every 10 ms)",
                        "Lock contention (jdk.JavaMonitorEnter)",
                        WORKLOAD + "awaitLatch:",
                        "Socket I/O",
                        "Latencies by type")
                .doesNotContain("Coverage:", "or more were recorded");
    }
}
