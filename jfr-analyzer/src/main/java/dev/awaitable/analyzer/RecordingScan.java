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
import java.util.Collections;
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
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
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
    static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";
    static final String MONITOR_ENTER = "jdk.JavaMonitorEnter";
    static final String MONITOR_WAIT = "jdk.JavaMonitorWait";
    static final String SLEEP = "jdk.ThreadSleep";
    static final String SOCKET_READ = "jdk.SocketRead";
    static final String SOCKET_WRITE = "jdk.SocketWrite";
    static final String FILE_READ = "jdk.FileRead";
    static final String FILE_WRITE = "jdk.FileWrite";
    static final String GC_PHASE_PAUSE = "jdk.GCPhasePause";
    static final String ERROR_THROW = "jdk.JavaErrorThrow";

    /** The types {@code jfr view latencies-by-type} lists, in its order. */
    static final List<String> LATENCY_TYPES =
            List.of(MONITOR_WAIT, MONITOR_ENTER, PARK, SLEEP, SOCKET_READ, SOCKET_WRITE, FILE_WRITE, FILE_READ);

    /** The thresholded types whose threshold the analysis reports, with what their events are called. */
    static final Map<String, String> THRESHOLDED = orderedMap(
            PINNED, "pins",
            PARK, "parks",
            MONITOR_ENTER, "contended monitor entries",
            SOCKET_READ, "socket reads",
            SOCKET_WRITE, "socket writes",
            SLEEP, "sleeps");

    /** Errors the JVM's linkage throws; the JDK's method-handle code makes and catches some of its own. */
    private static final Set<String> LINKAGE_ERRORS = Set.of(
            "java.lang.NoSuchMethodError",
            "java.lang.NoSuchFieldError",
            "java.lang.IncompatibleClassChangeError",
            "java.lang.AbstractMethodError",
            "java.lang.IllegalAccessError",
            "java.lang.LinkageError");

    private static final String AWAITABLE_PREFIX = "dev.awaitable.";
    private static final int TOP = 10;
    private static final int FIRST_FAULTS = 10;

    private final Map<String, long[]> eventsByType = new HashMap<>();
    private final Map<Long, String> typeNames = new HashMap<>();
    private final Map<String, String> typeLabels = new HashMap<>();
    private final Set<String> knownTypes = new HashSet<>();
    private final RecordingSettings settings = new RecordingSettings();
    private long events;
    private Instant start;
    private Instant end;

    private final Map<String, String> jvm = new HashMap<>();
    private Long pid;
    private Integer hardwareThreads;

    private final AwaitTally awaits = new AwaitTally();

    private final DurationTally pinned = new DurationTally();
    private final Tally pinnedFrames = new Tally();
    private final Tally pinnedReasons = new Tally();

    private final Tally sampledClasses = new Tally();
    private final Tally sampledSites = new Tally();
    private final Tally sampledTopFrames = new Tally();
    private final Tally tlabClasses = new Tally();
    private final Tally tlabSites = new Tally();
    private final Tally tlabTopFrames = new Tally();

    private final CpuTally cpu = new CpuTally();
    private final Map<String, DurationTally> latencies = new HashMap<>();
    private final Map<String, long[]> peers = new HashMap<>();
    private final DurationTally gcPhasePauses = new DurationTally();

    private long errors;
    private long jdkInternalErrors;
    private final Tally errorClasses = new Tally();

    private long gcCount;
    private Duration gcTotal = Duration.ZERO;
    private Duration gcMax = Duration.ZERO;
    private final Map<String, CollectorTally> gcByName = new HashMap<>();

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
                typeLabels.put(t.getName(), t.getLabel() == null ? t.getName() : t.getLabel());
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
            case ALLOCATION_SAMPLE ->
                allocation(e, sampledClasses, sampledSites, sampledTopFrames, number(e, "weight"));
            case ALLOCATION_NEW_TLAB -> allocation(e, tlabClasses, tlabSites, tlabTopFrames, number(e, "tlabSize"));
            case ALLOCATION_OUTSIDE_TLAB ->
                allocation(e, tlabClasses, tlabSites, tlabTopFrames, number(e, "allocationSize"));
            case GC -> gc(e);
            case GC_PHASE_PAUSE -> gcPhasePauses.add(e.getDuration(), null, null);
            case PARK -> park(e);
            case EXECUTION_SAMPLE -> cpu.add(e);
            case MONITOR_ENTER -> latency(e, className(e, "monitorClass"), 0);
            case MONITOR_WAIT -> latency(e, className(e, "monitorClass"), 0);
            case SLEEP, FILE_READ, FILE_WRITE -> latency(e, null, 0);
            case SOCKET_READ -> socket(e, number(e, "bytesRead"), true);
            case SOCKET_WRITE -> socket(e, number(e, "bytesWritten"), false);
            case ERROR_THROW -> error(e);
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
        if (e.hasField("id")) {
            settings.accept(typeNames.get(e.getLong("id")), string(e, "name"), string(e, "value"));
        }
    }

    private void pinned(RecordedEvent e) {
        String frame = Frames.topUserFrame(e.getStackTrace());
        String reason = string(e, "pinnedReason");
        pinned.add(e.getDuration(), frame, reason);
        pinnedFrames.add(frame, 1);
        if (reason != null) {
            pinnedReasons.add(reason, 1);
        }
    }

    private void allocation(RecordedEvent e, Tally classes, Tally sites, Tally topFrames, long bytes) {
        RecordedClass c = e.hasField("objectClass") ? e.getClass("objectClass") : null;
        classes.add(Frames.javaClassName(c == null ? null : c.getName()), bytes);
        sites.add(Frames.topUserFrame(e.getStackTrace()), bytes);
        String top = Frames.topMethod(e.getStackTrace());
        topFrames.add(top == null ? Frames.NO_STACK_TRACE : top, bytes);
    }

    /** An event with a duration, counted for latencies-by-type and at its application frame. */
    private DurationTally latency(RecordedEvent e, String on, long bytes) {
        DurationTally t = latencies.computeIfAbsent(e.getEventType().getName(), k -> new DurationTally());
        t.add(e.getDuration(), Frames.topUserFrame(e.getStackTrace()), on, bytes);
        return t;
    }

    private void socket(RecordedEvent e, long bytes, boolean read) {
        String host = string(e, "host");
        if (host == null || host.isBlank()) {
            host = string(e, "address");
        }
        if (host == null || host.isBlank()) {
            host = "(unknown host)";
        }
        latency(e, host, bytes);
        long[] p = peers.computeIfAbsent(host, k -> new long[5]);
        p[read ? 0 : 2]++;
        p[read ? 1 : 3] += bytes;
        p[4] += e.getDuration().toNanos();
    }

    /**
     * An error is the JDK's own when its class is one of the JDK's private ones, or when it is a
     * linkage error with the JDK's method-handle code ({@code java.lang.invoke}) on its stack below
     * the error's constructors and no application frame in between: the JDK probes for a method
     * while it links a lambda or a string concatenation and catches the error itself.
     */
    private void error(RecordedEvent e) {
        errors++;
        String cls = className(e, "thrownClass");
        if (cls != null
                && (cls.startsWith("jdk.internal.")
                        || cls.startsWith("sun.")
                        || (LINKAGE_ERRORS.contains(cls) && fromMethodHandleLinkage(e.getStackTrace())))) {
            jdkInternalErrors++;
        } else {
            errorClasses.add(cls == null ? "(unknown class)" : cls, 1);
        }
    }

    private static boolean fromMethodHandleLinkage(RecordedStackTrace st) {
        if (st == null) {
            return false;
        }
        for (RecordedFrame f : st.getFrames()) {
            if (!f.isJavaFrame() || f.getMethod() == null || f.getMethod().getType() == null) {
                continue;
            }
            String c = f.getMethod().getType().getName();
            if (c.startsWith("java.lang.invoke.")) {
                return true;
            }
            if (!Frames.isRuntime(c)) {
                return false;
            }
        }
        return false;
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
        String parkedOn = className(e, "parkedClass");
        latency(e, parkedOn, 0);
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
                pinned.count(),
                pinned.totalMs(),
                pinned.maxMs(),
                pinnedFrames.topCounts(TOP),
                pinnedReasons.topCounts(TOP),
                pinned.topSites(TOP));
    }

    Analysis.Allocations allocations() {
        if (!sampledClasses.isEmpty()) {
            return new Analysis.Allocations(
                    ALLOCATION_SAMPLE,
                    sampledClasses.sum(),
                    sampledClasses.topShares(TOP),
                    sampledSites.topShares(TOP),
                    sampledTopFrames.topShares(TOP));
        }
        if (!tlabClasses.isEmpty()) {
            return new Analysis.Allocations(
                    ALLOCATION_NEW_TLAB + "/" + ALLOCATION_OUTSIDE_TLAB,
                    tlabClasses.sum(),
                    tlabClasses.topShares(TOP),
                    tlabSites.topShares(TOP),
                    tlabTopFrames.topShares(TOP));
        }
        return new Analysis.Allocations(null, 0, List.of(), List.of(), List.of());
    }

    Analysis.GcPauses gc() {
        List<Analysis.Collector> byName = gcByName.entrySet().stream()
                .map(en -> new Analysis.Collector(
                        en.getKey(), en.getValue().count, ms(en.getValue().total), ms(en.getValue().max)))
                .sorted(Comparator.comparingLong(Analysis.Collector::count)
                        .reversed()
                        .thenComparing(Analysis.Collector::name))
                .toList();
        return new Analysis.GcPauses(
                isRecorded(GC), gcCount, ms(gcTotal), ms(gcMax), byName, gcPhasePauses.durations());
    }

    Analysis.Parking parking() {
        DurationTally t = tally(PARK);
        return new Analysis.Parking(
                isRecorded(PARK), t.count(), t.totalMs(), t.maxMs(), parkFrames.topCounts(TOP), t.topSites(TOP));
    }

    Analysis.Cpu cpu() {
        return cpu.result(isRecorded(EXECUTION_SAMPLE), settings.period(EXECUTION_SAMPLE), TOP);
    }

    Analysis.Blocking contention() {
        return blocking(MONITOR_ENTER);
    }

    Analysis.Blocking sleeps() {
        return blocking(SLEEP);
    }

    private Analysis.Blocking blocking(String type) {
        DurationTally t = tally(type);
        return new Analysis.Blocking(isRecorded(type), t.count(), t.totalMs(), t.maxMs(), t.topSites(TOP));
    }

    Analysis.Sockets sockets() {
        DurationTally r = tally(SOCKET_READ);
        DurationTally w = tally(SOCKET_WRITE);
        List<Analysis.Peer> byHost = peers.entrySet().stream()
                .map(en -> {
                    long[] p = en.getValue();
                    return new Analysis.Peer(en.getKey(), p[0], p[1], p[2], p[3], p[4] / 1e6);
                })
                .sorted(Comparator.comparingLong((Analysis.Peer p) -> p.bytesRead() + p.bytesWritten())
                        .reversed()
                        .thenComparing(Analysis.Peer::host))
                .limit(TOP)
                .toList();
        return new Analysis.Sockets(
                isRecorded(SOCKET_READ) || isRecorded(SOCKET_WRITE),
                r.count(),
                bytes(r),
                r.totalMs(),
                w.count(),
                bytes(w),
                w.totalMs(),
                byHost,
                r.topSites(TOP),
                w.topSites(TOP));
    }

    private long bytes(DurationTally t) {
        return t.topSites(Integer.MAX_VALUE).stream()
                .mapToLong(Analysis.Site::bytes)
                .sum();
    }

    /** Rows of {@code jfr view latencies-by-type}: the types with events, in its order. */
    List<Analysis.LatencyByType> latencies() {
        List<Analysis.LatencyByType> rows = new ArrayList<>();
        for (String type : LATENCY_TYPES) {
            DurationTally t = latencies.get(type);
            if (t != null && t.count() > 0) {
                rows.add(new Analysis.LatencyByType(
                        type,
                        typeLabels.getOrDefault(type, type),
                        t.count(),
                        t.meanMs(),
                        t.percentileMs(0.99),
                        t.maxMs(),
                        t.totalMs()));
            }
        }
        return rows;
    }

    /** For every thresholded type: what its threshold may have hidden, and the setting that shows all. */
    List<Analysis.Coverage> coverage() {
        List<Analysis.Coverage> out = new ArrayList<>();
        THRESHOLDED.forEach((type, what) -> {
            boolean on = settings.enabled(type) || eventsByType.containsKey(type);
            long ns = settings.thresholdNs(type);
            String text = settings.thresholdText(type);
            String setting = type + "#threshold=0ms";
            String hidden = null;
            if (on && ns > 0) {
                hidden = (settings.thresholdVaried(type) ? "for part of the recording, only " : "only ")
                        + what + " of " + (text == null ? Units.nanos(ns) : text)
                        + " or more were recorded; re-record with "
                        + setting + " to see all";
            }
            out.add(new Analysis.Coverage(type, on, text, ns, hidden, setting));
        });
        return out;
    }

    /** A remark when thresholded events are in the recording but its settings are not, or null. */
    String missingSettings() {
        boolean seen = THRESHOLDED.keySet().stream().anyMatch(eventsByType::containsKey);
        boolean known = THRESHOLDED.keySet().stream().anyMatch(t -> settings.thresholdNs(t) >= 0);
        return seen && !known
                ? "the recording has no jdk.ActiveSetting events, so its thresholds are unknown: the pinning, park, "
                        + "monitor, socket and sleep sections may leave short events out without saying so"
                : null;
    }

    Analysis.ThrownErrors errors() {
        return new Analysis.ThrownErrors(
                isRecorded(ERROR_THROW), errors, jdkInternalErrors, errorClasses.topCounts(TOP));
    }

    private DurationTally tally(String type) {
        return latencies.getOrDefault(type, new DurationTally());
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
                && (settings.disabled(UnobservedFaultEvent.NAME) || settings.disabled(DeadlockDetectedEvent.NAME));
        boolean known = unobserved + deadlocks > 0
                || isRecorded(UnobservedFaultEvent.NAME)
                || isRecorded(DeadlockDetectedEvent.NAME)
                || (awaitable && !off);
        return new Analysis.Faults(
                known, unobserved, List.copyOf(firstUnobserved), deadlocks, List.copyOf(firstDeadlocks));
    }

    /** Enabled in the recording's settings, or seen. */
    boolean isRecorded(String type) {
        return settings.enabled(type) || eventsByType.containsKey(type);
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

    /** A class-valued field's class name, as Java writes it; null when absent. */
    private static String className(RecordedEvent e, String field) {
        if (!e.hasField(field)) {
            return null;
        }
        RecordedClass c = e.getClass(field);
        return c == null ? null : Frames.javaClassName(c.getName());
    }

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(m);
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
