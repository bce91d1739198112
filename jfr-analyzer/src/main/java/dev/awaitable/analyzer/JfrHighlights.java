package dev.awaitable.analyzer;

import java.util.List;

/**
 * What the JFR analysis found in one cell's recording, normalized per operation where that makes
 * sense. Any field may be null when the recording did not contain the events it needs.
 *
 * @param recording             path of the .jfr file, relative to the run's output folder
 * @param operations            operations measured while recording (to normalize by)
 * @param suspensionsPerOp      dev.awaitable.Suspend events (or Statistics deltas) per operation
 * @param resumptionsPerOp      dev.awaitable.Resume events per operation
 * @param resumeLatencyP50Ns    median resume latency
 * @param resumeLatencyP99Ns    99th percentile resume latency
 * @param pinnedEvents          jdk.VirtualThreadPinned events
 * @param pinnedTopFrames       the most frequent top frames of pinned events, "frame (count)"
 * @param parkEvents            jdk.ThreadPark events
 * @param gcPauses              GC pauses in the recording
 * @param gcPauseTotalMs        their total duration
 * @param topAllocatingClasses  "class (share%)" by sampled allocation weight, most first
 * @param findings              rule results worth a reader's attention (JMC and our own), "severity: text"
 */
public record JfrHighlights(
        String recording,
        Long operations,
        Double suspensionsPerOp,
        Double resumptionsPerOp,
        Double resumeLatencyP50Ns,
        Double resumeLatencyP99Ns,
        Long pinnedEvents,
        List<String> pinnedTopFrames,
        Long parkEvents,
        Long gcPauses,
        Double gcPauseTotalMs,
        List<String> topAllocatingClasses,
        List<String> findings) {

    /** Highlights of a recording that could not be analyzed: only the path and why. */
    public static JfrHighlights failed(String recording, String why) {
        return new JfrHighlights(
                recording, null, null, null, null, null, null, null, null, null, null, null, List.of("n/a: " + why));
    }
}
