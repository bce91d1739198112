package dev.awaitable.analyzer;

import dev.awaitable.jfr.ResumeEvent;
import dev.awaitable.jfr.SuspendEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Our own rules, for what JMC's rules do not look at: virtual-thread pinning, Awaitable's fault
 * events, resume latency, and whether the per-await events were on. They judge the numbers an
 * {@link Analysis} already holds, so they also work on an analysis read back from JSON or built
 * by hand. Scores follow JMC: warning 75-100, info 25-74, ok below 25.
 */
final class AwaitableRules {
    static final String PINNING = "awaitable.VirtualThreadPinning";
    static final String UNOBSERVED_FAULTS = "awaitable.UnobservedFaults";
    static final String DEADLOCKS = "awaitable.DeadlocksDetected";
    static final String RESUME_LATENCY = "awaitable.ResumeLatency";
    static final String PER_AWAIT_EVENTS = "awaitable.PerAwaitEvents";

    /** A p99 resume latency above this is worth knowing: the backend's scheduling costs that much. */
    static final long RESUME_LATENCY_P99_INFO_NS = 1_000_000;

    private static final double WARNING = 80;
    private static final double INFO = 50;
    private static final double OK = 0;

    private AwaitableRules() {}

    static List<RuleResult> evaluate(Analysis a) {
        List<RuleResult> results = new ArrayList<>();
        results.add(pinning(a.pinning(), hidden(a.coverage(), RecordingScan.PINNED)));
        results.add(unobservedFaults(a.faults()));
        results.add(deadlocks(a.faults()));
        results.add(resumeLatency(a.awaits()));
        results.add(perAwaitEvents(a.awaits()));
        return results;
    }

    /** What the recording's threshold for {@code type} hid ("only pins of 20 ms or more ..."), or null. */
    static String hidden(List<Analysis.Coverage> coverage, String type) {
        if (coverage == null) {
            return null;
        }
        return coverage.stream()
                .filter(c -> c.eventType().equals(type) && c.hidden() != null)
                .map(Analysis.Coverage::hidden)
                .findFirst()
                .orElse(null);
    }

    /** Pinning; {@code hidden} is what the recording's threshold left out, said in the verdict, or null. */
    static RuleResult pinning(Analysis.Pinning p, String hidden) {
        String name = "Virtual thread pinning";
        if (p == null || (!p.recorded() && p.count() == 0)) {
            return notApplicable(PINNING, name, "n/a: jdk.VirtualThreadPinned was not enabled in this recording");
        }
        String coverage = hidden == null ? "" : " Not complete: " + hidden + ".";
        if (p.count() == 0) {
            return result(
                    PINNING,
                    name,
                    hidden == null ? RuleResult.Severity.OK : RuleResult.Severity.INFO,
                    hidden == null ? OK : INFO,
                    (hidden == null
                                    ? "No virtual thread was pinned to its carrier."
                                    : "No pinned virtual thread was recorded.")
                            + coverage);
        }
        String frames = p.topFrames().stream()
                .limit(3)
                .map(c -> c.name() + " (" + c.count() + ")")
                .collect(Collectors.joining(", "));
        String reasons = p.reasons().isEmpty()
                ? ""
                : "; reason: " + p.reasons().get(0).name()
                        + (p.reasons().size() > 1 ? " and " + (p.reasons().size() - 1) + " more" : "");
        return result(
                PINNING,
                name,
                RuleResult.Severity.WARNING,
                WARNING,
                String.format(
                        Locale.ROOT,
                        "%d pinned virtual thread event(s), %s in total, longest %s: a pinned virtual thread blocks its carrier "
                                + "while it waits. Top frames: %s%s.%s",
                        p.count(),
                        Units.millis(p.totalMs()),
                        Units.millis(p.maxMs()),
                        frames,
                        reasons,
                        coverage));
    }

    static RuleResult unobservedFaults(Analysis.Faults f) {
        String name = "Unobserved faults";
        if (f == null || !f.recorded()) {
            return notApplicable(UNOBSERVED_FAULTS, name, "n/a: the recording has no Awaitable fault events");
        }
        if (f.unobserved() == 0) {
            return result(
                    UNOBSERVED_FAULTS, name, RuleResult.Severity.OK, OK, "No faulted awaitable was left unobserved.");
        }
        Analysis.UnobservedFault first =
                f.firstUnobserved().isEmpty() ? null : f.firstUnobserved().get(0);
        String example = first == null
                ? ""
                : String.format(
                        Locale.ROOT,
                        " First: %s%s in %s.",
                        first.exceptionClass(),
                        first.message() == null ? "" : ": " + first.message(),
                        first.awaitable());
        return result(
                UNOBSERVED_FAULTS,
                name,
                RuleResult.Severity.WARNING,
                WARNING,
                f.unobserved()
                        + " faulted awaitable(s) became unreachable without anyone observing the exception: await them, "
                        + "or inspect exception()." + example);
    }

    static RuleResult deadlocks(Analysis.Faults f) {
        String name = "Deadlocks detected";
        if (f == null || !f.recorded()) {
            return notApplicable(DEADLOCKS, name, "n/a: the recording has no Awaitable fault events");
        }
        if (f.deadlocks() == 0) {
            return result(
                    DEADLOCKS,
                    name,
                    RuleResult.Severity.OK,
                    OK,
                    "No blocking join() on a context's own " + "thread was detected.");
        }
        Analysis.Deadlock first =
                f.firstDeadlocks().isEmpty() ? null : f.firstDeadlocks().get(0);
        String example = first == null
                ? ""
                : String.format(
                        Locale.ROOT,
                        " First: join() on context '%s' for %s (%s).",
                        first.context(),
                        first.awaitable(),
                        first.chain());
        return result(
                DEADLOCKS,
                name,
                RuleResult.Severity.WARNING,
                WARNING,
                f.deadlocks()
                        + " join() call(s) on a context's own thread waited for work that must resume on that thread; each "
                        + "threw DeadlockException. Await instead of join(), or configureAwait(false) in the awaited code."
                        + example);
    }

    static RuleResult resumeLatency(Analysis.Awaits a) {
        String name = "Resume latency";
        if (a == null || a.resumeLatency() == null) {
            return notApplicable(RESUME_LATENCY, name, "n/a: no " + ResumeEvent.NAME + " events in this recording");
        }
        List<String> slow = new ArrayList<>();
        for (Analysis.Backend b : a.backends()) {
            Analysis.Latency l = b.resumeLatency();
            if (l != null && l.p99Ns() > RESUME_LATENCY_P99_INFO_NS) {
                slow.add(String.format(
                        Locale.ROOT,
                        "%s p99 %s (p50 %s, max %s)",
                        b.name(),
                        Units.nanos(l.p99Ns()),
                        Units.nanos(l.p50Ns()),
                        Units.nanos(l.maxNs())));
            }
        }
        Analysis.Latency all = a.resumeLatency();
        if (slow.isEmpty()) {
            return result(
                    RESUME_LATENCY,
                    name,
                    RuleResult.Severity.OK,
                    OK,
                    String.format(
                            Locale.ROOT,
                            "Resumptions ran promptly: p99 %s, p50 %s over %d resumption(s).",
                            Units.nanos(all.p99Ns()),
                            Units.nanos(all.p50Ns()),
                            all.count()));
        }
        return result(
                RESUME_LATENCY,
                name,
                RuleResult.Severity.INFO,
                INFO,
                "Resume latency p99 above "
                        + Units.nanos(RESUME_LATENCY_P99_INFO_NS) + ": " + String.join("; ", slow)
                        + ". Continuations waited that long for a thread after their awaitable completed: a busy context, "
                        + "saturated scheduler or carrier threads.");
    }

    static RuleResult perAwaitEvents(Analysis.Awaits a) {
        String name = "Per-await events";
        if (a == null || (a.statistics() == null && a.backends().isEmpty())) {
            return notApplicable(PER_AWAIT_EVENTS, name, "n/a: no Awaitable events in this recording");
        }
        if (a.perAwaitEvents() || a.suspendEvents() + a.resumeEvents() > 0) {
            return result(
                    PER_AWAIT_EVENTS, name, RuleResult.Severity.OK, OK, "Suspend and resume events were recorded.");
        }
        return result(
                PER_AWAIT_EVENTS,
                name,
                RuleResult.Severity.INFO,
                30,
                "Only the periodic statistics were "
                        + "recorded; enable " + SuspendEvent.NAME + " and " + ResumeEvent.NAME
                        + " (off by default) for resume-latency percentiles.");
    }

    private static RuleResult result(
            String id, String name, RuleResult.Severity severity, double score, String summary) {
        return new RuleResult(RuleResult.AWAITABLE, id, name, "awaitable", severity, score, summary, false);
    }

    private static RuleResult notApplicable(String id, String name, String summary) {
        return new RuleResult(
                RuleResult.AWAITABLE, id, name, "awaitable", RuleResult.Severity.NA, null, summary, false);
    }
}
