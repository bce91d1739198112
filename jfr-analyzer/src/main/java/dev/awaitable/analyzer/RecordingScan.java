package dev.awaitable.analyzer;

import dev.awaitable.jfr.DeadlockDetectedEvent;
import dev.awaitable.jfr.ResumeEvent;
import dev.awaitable.jfr.StatisticsEvent;
import dev.awaitable.jfr.SuspendEvent;
import dev.awaitable.jfr.UnobservedFaultEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * One pass over a recording with {@code jdk.jfr.consumer.RecordingFile}, event by event, so a
 * large recording is never held in memory. Works on any recording: a field a JDK version does not
 * have is read as absent, never as an error.
 *
 * <p>Whether a section's events were recorded at all comes from the {@code jdk.ActiveSetting}
 * events every recording starts with ("enabled" per event type), or from having seen one.
 */
final class RecordingScan {
    static final String PINNED = "jdk.VirtualThreadPinned";
    static final String ALLOCATION_SAMPLE = "jdk.ObjectAllocationSample";
    static final String ALLOCATION_NEW_TLAB = "jdk.ObjectAllocationInNewTLAB";
    static final String ALLOCATION_OUTSIDE_TLAB = "jdk.ObjectAllocationOutsideTLAB";
    static final String GC = "jdk.GarbageCollection";
    static final String PARK = "jdk.ThreadPark";
    static final String VT_START = "jdk.VirtualThreadStart";
    static final String VT_END = "jdk.VirtualThreadEnd";
    static final String VT_SUBMIT_FAILED = "jdk.VirtualThreadSubmitFailed";

    private static final String AWAITABLE_PREFIX = "dev.awaitable.";
    private static final int TOP = 10;
    private static final int FIRST_FAULTS = 10;

    private final Map<String, long[]> eventsByType = new HashMap<>();
    private final Map<Long, String> typeNames = new HashMap<>();
    private final Set<String> knownTypes = new HashSet<>();
    private final Set<String> enabled = new HashSet<>();
    private final Set<String> disabled = new HashSet<>();
    private long events;
    private Instant start;
    private Instant end;

    private final Map<String, String> jvm = new HashMap<>();
    private Long pid;
    private Integer hardwareThreads;

    private final AwaitTally awaits = new AwaitTally();

    private long pinned;
    private Duration pinnedTotal = Duration.ZERO;
    private Duration pinnedMax = Duration.ZERO;
    private final Tally pinnedFrames = new Tally();
    private final Tally pinnedReasons = new Tally();

    private final Tally sampledClasses = new Tally();
    private final Tally sampledSites = new Tally();
    private final Tally tlabClasses = new Tally();
    private final Tally tlabSites = new Tally();

    private long gcCount;
    private Duration gcTotal = Duration.ZERO;
    private Duration gcMax = Duration.ZERO;
    private final Map<String, CollectorTally> gcByName = new HashMap<>();

    private long parks;
    private Duration parkTotal = Duration.ZERO;
    private Duration parkMax = Duration.ZERO;
    private final Tally parkFrames = new Tally();

    private long vtStarted;
    private long vtEnded;
    private long vtSubmitFailed;

    private long unobserved;
    private final List<Analysis.UnobservedFault> firstUnobserved = new ArrayList<>();
    private long deadlocks;
    private final List<Analysis.Deadlock> firstDeadlocks = new ArrayList<>();

    /** Reads every event of {@code file}; throws what {@link RecordingFile} throws on a bad file. */
    void read(Path file) throws IOException {
        try (RecordingFile rf = new RecordingFile(file)) {
            for (EventType t : rf.readEventTypes()) {
                typeNames.put(t.getId(), t.getName());
                knownTypes.add(t.getName());
            }
            while (rf.hasMoreEvents()) {
                accept(rf.readEvent());
            }
        }
    }

    private void accept(RecordedEvent e) {
        String type = e.getEventType().getName();
        eventsByType.computeIfAbsent(type, k -> new long[1])[0]++;
        events++;
        Instant s = e.getStartTime();
        Instant t = e.getEndTime();
        if (start == null || s.isBefore(start)) {
            start = s;
        }
        if (end == null || t.isAfter(end)) {
            end = t;
        }
        switch (type) {
            case SuspendEvent.NAME -> awaits.suspended(string(e, "backend"));
            case ResumeEvent.NAME ->
                awaits.resumed(string(e, "backend"), nanos(e, "resumeLatency"), nanos(e, "suspendedFor"));
            case StatisticsEvent.NAME ->
                awaits.statistics(
                        string(e, "backend"),
                        s,
                        number(e, "synchronousCompletions"),
                        number(e, "suspensions"),
                        number(e, "resumptions"));
            case UnobservedFaultEvent.NAME -> unobservedFault(e);
            case DeadlockDetectedEvent.NAME -> deadlock(e);
            case PINNED -> pinned(e);
            case ALLOCATION_SAMPLE -> allocation(e, sampledClasses, sampledSites, number(e, "weight"));
            case ALLOCATION_NEW_TLAB -> allocation(e, tlabClasses, tlabSites, number(e, "tlabSize"));
            case ALLOCATION_OUTSIDE_TLAB -> allocation(e, tlabClasses, tlabSites, number(e, "allocationSize"));
            case GC -> gc(e);
            case PARK -> park(e);
            case VT_START -> vtStarted++;
            case VT_END -> vtEnded++;
            case VT_SUBMIT_FAILED -> vtSubmitFailed++;
            case "jdk.ActiveSetting" -> activeSetting(e);
            case "jdk.JVMInformation" -> {
                put("name", string(e, "jvmName"));
                put("version", string(e, "jvmVersion"));
                put("jvmArguments", string(e, "jvmArguments"));
                put("javaArguments", string(e, "javaArguments"));
                if (e.hasField("pid")) {
                    pid = e.getLong("pid");
                }
            }
            case "jdk.OSInformation" -> put("os", string(e, "osVersion"));
            case "jdk.CPUInformation" -> {
                if (e.hasField("hwThreads")) {
                    hardwareThreads = e.getInt("hwThreads");
                }
            }
            case "jdk.GCConfiguration" -> {
                put("youngCollector", string(e, "youngCollector"));
                put("oldCollector", string(e, "oldCollector"));
            }
            default -> {
                // counted above; no section of its own
            }
        }
    }

    private void activeSetting(RecordedEvent e) {
        if ("enabled".equals(string(e, "name")) && e.hasField("id")) {
            String type = typeNames.get(e.getLong("id"));
            if (type != null) {
                ("true".equals(string(e, "value")) ? enabled : disabled).add(type);
            }
        }
    }

    private void pinned(RecordedEvent e) {
        pinned++;
        Duration d = e.getDuration();
        pinnedTotal = pinnedTotal.plus(d);
        pinnedMax = max(pinnedMax, d);
        pinnedFrames.add(Frames.topUserFrame(e.getStackTrace()), 1);
        String reason = string(e, "pinnedReason");
        if (reason != null) {
            pinnedReasons.add(reason, 1);
        }
    }

    private void allocation(RecordedEvent e, Tally classes, Tally sites, long bytes) {
        RecordedClass c = e.hasField("objectClass") ? e.getClass("objectClass") : null;
        classes.add(Frames.javaClassName(c == null ? null : c.getName()), bytes);
        sites.add(Frames.topUserFrame(e.getStackTrace()), bytes);
    }

    private void gc(RecordedEvent e) {
        gcCount++;
        Duration pause = e.hasField("sumOfPauses") ? e.getDuration("sumOfPauses") : e.getDuration();
        Duration longest = e.hasField("longestPause") ? e.getDuration("longestPause") : pause;
        gcTotal = gcTotal.plus(pause);
        gcMax = max(gcMax, longest);
        String name = string(e, "name");
        CollectorTally g = gcByName.computeIfAbsent(name == null ? "(unnamed)" : name, k -> new CollectorTally());
        g.count++;
        g.total = g.total.plus(pause);
        g.max = max(g.max, longest);
    }

    private static final class CollectorTally {
        long count;
        Duration total = Duration.ZERO;
        Duration max = Duration.ZERO;
    }

    private void park(RecordedEvent e) {
        parks++;
        Duration d = e.getDuration();
        parkTotal = parkTotal.plus(d);
        parkMax = max(parkMax, d);
        parkFrames.add(Frames.topUserFrame(e.getStackTrace()), 1);
    }

    private void unobservedFault(RecordedEvent e) {
        unobserved++;
        if (firstUnobserved.size() < FIRST_FAULTS) {
            firstUnobserved.add(new Analysis.UnobservedFault(
                    e.getStartTime().toString(),
                    string(e, "exceptionClass"),
                    string(e, "message"),
                    string(e, "awaitable")));
        }
    }

    private void deadlock(RecordedEvent e) {
        deadlocks++;
        if (firstDeadlocks.size() < FIRST_FAULTS) {
            firstDeadlocks.add(new Analysis.Deadlock(
                    e.getStartTime().toString(), string(e, "context"), string(e, "awaitable"), string(e, "chain")));
        }
    }

    /* ---------------- Results ---------------- */

    Analysis.RecordingInfo recordingInfo(long sizeBytes) {
        Map<String, Long> byType = new LinkedHashMap<>();
        eventsByType.entrySet().stream()
                .sorted(Map.Entry.<String, long[]>comparingByValue((a, b) -> Long.compare(b[0], a[0]))
                        .thenComparing(Map.Entry.comparingByKey()))
                .forEach(en -> byType.put(en.getKey(), en.getValue()[0]));
        Analysis.Jvm j = jvm.isEmpty() && pid == null && hardwareThreads == null
                ? null
                : new Analysis.Jvm(
                        jvm.get("name"),
                        jvm.get("version"),
                        jvm.get("jvmArguments"),
                        jvm.get("javaArguments"),
                        pid,
                        jvm.get("os"),
                        hardwareThreads,
                        jvm.get("youngCollector"),
                        jvm.get("oldCollector"));
        double durationMs = start == null ? 0 : ms(Duration.between(start, end));
        return new Analysis.RecordingInfo(
                sizeBytes,
                start == null ? null : start.toString(),
                end == null ? null : end.toString(),
                durationMs,
                events,
                j,
                byType);
    }

    Analysis.Awaits awaits() {
        return awaits.result(isRecorded(SuspendEvent.NAME) || isRecorded(ResumeEvent.NAME));
    }

    Analysis.Pinning pinning() {
        return new Analysis.Pinning(
                isRecorded(PINNED),
                pinned,
                ms(pinnedTotal),
                ms(pinnedMax),
                pinnedFrames.topCounts(TOP),
                pinnedReasons.topCounts(TOP));
    }

    Analysis.Allocations allocations() {
        if (!sampledClasses.isEmpty()) {
            return new Analysis.Allocations(
                    ALLOCATION_SAMPLE,
                    sampledClasses.sum(),
                    sampledClasses.topShares(TOP),
                    sampledSites.topShares(TOP));
        }
        if (!tlabClasses.isEmpty()) {
            return new Analysis.Allocations(
                    ALLOCATION_NEW_TLAB + "/" + ALLOCATION_OUTSIDE_TLAB,
                    tlabClasses.sum(),
                    tlabClasses.topShares(TOP),
                    tlabSites.topShares(TOP));
        }
        return new Analysis.Allocations(null, 0, List.of(), List.of());
    }

    Analysis.GcPauses gc() {
        List<Analysis.Collector> byName = gcByName.entrySet().stream()
                .map(en -> new Analysis.Collector(
                        en.getKey(), en.getValue().count, ms(en.getValue().total), ms(en.getValue().max)))
                .sorted(Comparator.comparingLong(Analysis.Collector::count)
                        .reversed()
                        .thenComparing(Analysis.Collector::name))
                .toList();
        return new Analysis.GcPauses(isRecorded(GC), gcCount, ms(gcTotal), ms(gcMax), byName);
    }

    Analysis.Parking parking() {
        return new Analysis.Parking(isRecorded(PARK), parks, ms(parkTotal), ms(parkMax), parkFrames.topCounts(TOP));
    }

    Analysis.VirtualThreads virtualThreads() {
        return new Analysis.VirtualThreads(
                isRecorded(VT_START) || isRecorded(VT_END), vtStarted, vtEnded, vtSubmitFailed);
    }

    /**
     * Fault events are on by default but their types only exist once a fault happened in the
     * recorded JVM; so in a recording of a program that used Awaitable, they count as recorded
     * unless its settings turned them off.
     */
    Analysis.Faults faults() {
        boolean awaitable = knownTypes.stream().anyMatch(t -> t.startsWith(AWAITABLE_PREFIX));
        boolean off = !isRecorded(UnobservedFaultEvent.NAME)
                && !isRecorded(DeadlockDetectedEvent.NAME)
                && (disabled.contains(UnobservedFaultEvent.NAME) || disabled.contains(DeadlockDetectedEvent.NAME));
        boolean known = unobserved + deadlocks > 0
                || isRecorded(UnobservedFaultEvent.NAME)
                || isRecorded(DeadlockDetectedEvent.NAME)
                || (awaitable && !off);
        return new Analysis.Faults(
                known, unobserved, List.copyOf(firstUnobserved), deadlocks, List.copyOf(firstDeadlocks));
    }

    /** Enabled in the recording's settings, or seen. */
    boolean isRecorded(String type) {
        return enabled.contains(type) || eventsByType.containsKey(type);
    }

    /* ---------------- Field access that tolerates any JDK's events ---------------- */

    private void put(String key, String value) {
        if (value != null) {
            jvm.put(key, value);
        }
    }

    private static String string(RecordedEvent e, String field) {
        if (!e.hasField(field)) {
            return null;
        }
        Object v = e.getValue(field);
        return v == null ? null : v.toString();
    }

    private static long number(RecordedEvent e, String field) {
        if (!e.hasField(field)) {
            return 0;
        }
        Object v = e.getValue(field);
        return v instanceof Number n ? n.longValue() : 0;
    }

    /** A timespan field in nanoseconds; a plain number is taken as nanoseconds already. */
    private static long nanos(RecordedEvent e, String field) {
        if (!e.hasField(field)) {
            return 0;
        }
        try {
            return e.getDuration(field).toNanos();
        } catch (IllegalArgumentException notATimespan) {
            return number(e, field);
        } catch (ArithmeticException forever) {
            return Long.MAX_VALUE;
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static double ms(Duration d) {
        return d.getSeconds() * 1e3 + d.getNano() / 1e6;
    }
}
