/** Workloads, scenarios, benchmarks, JFR analysis and the report. */
module dev.awaitable.comparisons {
    requires dev.awaitable;
    requires dev.awaitable.statemachine;
    requires dev.awaitable.loom;
    requires jmh.core;
}
