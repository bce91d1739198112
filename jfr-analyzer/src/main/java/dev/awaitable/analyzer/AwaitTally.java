package dev.awaitable.analyzer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Accumulates Awaitable's own events per backend: Suspend and Resume counts, resume-latency and
 * suspended-for histograms, and the first and last {@code dev.awaitable.Statistics} sample. The
 * totals over all backends are kept in their own histograms, since percentiles do not add up.
 */
final class AwaitTally {
    private static final int SIGNIFICANT_DIGITS = 3;

    private final Map<String, PerBackend> backends = new TreeMap<>();
    private final PerBackend all = new PerBackend();

    void suspended(String backend) {
        backend(backend).suspends++;
        all.suspends++;
    }

    void resumed(String backend, long resumeLatencyNs, long suspendedForNs) {
        PerBackend b = backend(backend);
        b.resumed(resumeLatencyNs, suspendedForNs);
        all.resumed(resumeLatencyNs, suspendedForNs);
    }

    void statistics(String backend, Instant at, long sync, long suspensions, long resumptions) {
        backend(backend).sample(at, sync, suspensions, resumptions);
    }

    Analysis.Awaits result(boolean perAwaitEvents) {
        List<Analysis.Backend> list = new ArrayList<>();
        int samples = 0;
        long sync = 0;
        long suspensions = 0;
        long resumptions = 0;
        for (Map.Entry<String, PerBackend> e : backends.entrySet()) {
            PerBackend b = e.getValue();
            Analysis.Counters c = b.counters();
            list.add(new Analysis.Backend(e.getKey(), b.suspends, b.resumes, b.resumeLatency(), b.suspendedFor(), c));
            if (c != null) {
                samples = Math.max(samples, c.samples());
                sync += c.synchronousCompletions();
                suspensions += c.suspensions();
                resumptions += c.resumptions();
            }
        }
        Analysis.Counters total = samples == 0 ? null : new Analysis.Counters(samples, sync, suspensions, resumptions);
        return new Analysis.Awaits(
                perAwaitEvents, all.suspends, all.resumes, all.resumeLatency(), all.suspendedFor(), total, list);
    }

    private PerBackend backend(String name) {
        return backends.computeIfAbsent(name == null ? "(unknown)" : name, k -> new PerBackend());
    }

    private static final class PerBackend {
        long suspends;
        long resumes;
        final Histogram resumeLatency = new Histogram(SIGNIFICANT_DIGITS);
        final Histogram suspendedFor = new Histogram(SIGNIFICANT_DIGITS);
        long maxResumeLatency;
        long maxSuspendedFor;

        int samples;
        Instant firstAt;
        Instant lastAt;
        long[] first;
        long[] last;

        void resumed(long latencyNs, long suspendedForNs) {
            resumes++;
            // Both are differences of System.nanoTime(): never negative in practice, clamped to be sure.
            long latency = Math.max(0, latencyNs);
            long suspended = Math.max(0, suspendedForNs);
            resumeLatency.recordValue(latency);
            suspendedFor.recordValue(suspended);
            maxResumeLatency = Math.max(maxResumeLatency, latency);
            maxSuspendedFor = Math.max(maxSuspendedFor, suspended);
        }

        void sample(Instant at, long sync, long suspensions, long resumptions) {
            long[] values = {sync, suspensions, resumptions};
            samples++;
            if (firstAt == null || at.isBefore(firstAt)) {
                firstAt = at;
                first = values;
            }
            if (lastAt == null || !at.isBefore(lastAt)) {
                lastAt = at;
                last = values;
            }
        }

        Analysis.Counters counters() {
            if (samples == 0) {
                return null;
            }
            return new Analysis.Counters(samples, last[0] - first[0], last[1] - first[1], last[2] - first[2]);
        }

        Analysis.Latency resumeLatency() {
            return latency(resumeLatency, maxResumeLatency);
        }

        Analysis.Latency suspendedFor() {
            return latency(suspendedFor, maxSuspendedFor);
        }

        /** Percentiles are the histogram's (within 0.1%), capped at the exact maximum. */
        private static Analysis.Latency latency(Histogram h, long max) {
            if (h.getTotalCount() == 0) {
                return null;
            }
            return new Analysis.Latency(
                    h.getTotalCount(),
                    h.getMean(),
                    Math.min(max, h.getValueAtPercentile(50)),
                    Math.min(max, h.getValueAtPercentile(90)),
                    Math.min(max, h.getValueAtPercentile(99)),
                    max);
        }
    }
}
