/** Workloads, scenarios, benchmarks, JFR analysis and the report. Runs from a class-path jar. */
module dev.awaitable.comparisons {
    requires dev.awaitable;
    requires dev.awaitable.statemachine;
    requires dev.awaitable.loom;
    requires jdk.jfr;
    requires jdk.management;
    requires jmh.core;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires org.openjdk.jmc.common;
    requires org.openjdk.jmc.flightrecorder;
    requires org.openjdk.jmc.flightrecorder.rules;
    requires org.openjdk.jmc.flightrecorder.rules.jdk;
    requires jol.core;
    requires HdrHistogram;
    requires java.logging;

    exports dev.awaitable.comparisons.workload;
    exports dev.awaitable.comparisons.results;
    exports dev.awaitable.comparisons.jfr;
    exports dev.awaitable.comparisons.load;
    exports dev.awaitable.comparisons.http;

    opens dev.awaitable.comparisons.results to com.fasterxml.jackson.databind;
    opens dev.awaitable.comparisons.jfr to com.fasterxml.jackson.databind;
    opens dev.awaitable.comparisons.http to com.fasterxml.jackson.databind;
}
