/**
 * JFR analysis: {@code ./awaitable analyze FILE.jfr [...] [--vs B.jfr] [--json]}.
 *
 * <p>{@link dev.awaitable.analyzer.JfrAnalyzer} reads any recording into an
 * {@link dev.awaitable.analyzer.Analysis}: Awaitable's own events per backend (suspensions,
 * resumptions, resume-latency percentiles, statistics counters, unobserved faults, deadlocks), the
 * JDK's virtual-thread pinning, allocation, GC and park events, JMC's automated analysis rules and
 * our own rules for what JMC does not cover. It renders analyses as text or JSON, compares two
 * recordings side by side, and condenses one into the report's per-cell
 * {@link dev.awaitable.analyzer.JfrHighlights}.
 */
package dev.awaitable.analyzer;
