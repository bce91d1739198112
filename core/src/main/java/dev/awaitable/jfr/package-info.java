/**
 * JFR events emitted by every backend alike, so one analyzer reads recordings of either.
 *
 * <p>Per-await events ({@link dev.awaitable.jfr.SuspendEvent}, {@link dev.awaitable.jfr.ResumeEvent})
 * are disabled by default and cost a disabled-event check when off; the periodic
 * {@link dev.awaitable.jfr.StatisticsEvent} and the fault events are on.
 */
package dev.awaitable.jfr;
