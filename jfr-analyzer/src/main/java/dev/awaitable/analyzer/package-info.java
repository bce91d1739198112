/**
 * JFR analysis: {@code ./awaitable analyze FILE.jfr [...] [--vs B.jfr [--ops N --vs-ops M]] [--json] [--html PAGE]}.
 *
 * <p>{@link dev.awaitable.analyzer.JfrAnalyzer} reads any recording into an
 * {@link dev.awaitable.analyzer.Analysis}: CPU samples by top frame, application frame and thread
 * group; contention, parking, sleeps, socket I/O and pinning at the application frame; latencies
 * by type; allocation and GC pauses; Awaitable's own events per backend (suspensions,
 * resumptions, resume-latency percentiles, statistics counters, unobserved faults, deadlocks);
 * what the recording's thresholds left out; JMC's automated analysis rules and our own rules for
 * what JMC does not cover. It renders analyses as text, JSON or an HTML page, compares two
 * recordings per second and per operation, and condenses one into the report's per-cell
 * {@link dev.awaitable.analyzer.JfrHighlights}.
 */
package dev.awaitable.analyzer;
