package dev.awaitable.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.analyzer.JfrAnalyzer;
import dev.awaitable.cli.results.CellResult;
import dev.awaitable.workloads.Implementation;
import dev.awaitable.workloads.Params;
import dev.awaitable.workloads.Workload;
import dev.awaitable.workloads.WorkloadCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cell measured with the quick matrix's warm-up records no class loading in its measured
 * window: the JIT and class loading are done before the recording starts, so what the report's
 * JFR columns show (top allocating classes) is the workload, not the JVM starting up.
 */
class WarmCellTest {

    @Test
    void warmedUpCellRecordsNoClassLoading(@TempDir Path dir) throws Exception {
        MatrixSettings s = MatrixSettings.quick(dir, "test").iterations(3).build();
        Workload w = WorkloadCatalog.byId("suspend-resume");
        Cell cell = new Cell(w, Implementation.STATEMACHINE, Params.of(w, java.util.Map.of("count", "1000")));
        CellResult r = new CellRunner(
                        s,
                        (recording, relative, ops) ->
                                JfrAnalyzer.highlights(JfrAnalyzer.analyze(recording, false), relative, ops))
                .run(cell, 499_500L, MatrixRunner.Fork.ONLY);
        assertThat(r.status()).isEqualTo("ok");
        assertThat(r.jfr().topAllocatingClasses())
                .as("top allocating classes of the measured window")
                .isNotEmpty()
                .noneMatch(c -> (c.startsWith("java.lang.Class ") && share(c) >= 2.0)
                        || c.contains("PoolEntry")
                        || c.contains("Zip")
                        || c.contains("MemberName")
                        || c.contains("LambdaForm"));
        Path jfr = dir.resolve(r.jfr().recording());
        assertThat(jfr).exists();
        long total = 0;
        long loading = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(jfr)) {
            if (!e.getEventType().getName().equals("jdk.ObjectAllocationSample")) {
                continue;
            }
            long weight = e.getLong("weight");
            total += weight;
            if (e.getStackTrace() != null
                    && e.getStackTrace().getFrames().stream().anyMatch(WarmCellTest::loadsClasses)) {
                loading += weight;
            }
        }
        assertThat(total).as("sampled allocation in the recording").isPositive();
        assertThat((double) loading / total)
                .as("share of sampled allocation made while loading classes")
                .isLessThan(0.01);
        assertThat(Files.size(jfr)).isPositive();
    }

    /**
     * The share a top-classes entry ({@code "name (12.3%)"}) gives its class. One allocation
     * sample of a {@code Class} in a window of a few hundred samples is about 1%: a class defined
     * once in the window (JFR's own, as the recording starts) rather than loading going on, which
     * the stack-based share below measures exactly.
     */
    private static double share(String entry) {
        return Double.parseDouble(entry.substring(entry.lastIndexOf('(') + 1, entry.lastIndexOf('%')));
    }

    private static boolean loadsClasses(RecordedFrame f) {
        String type = f.getMethod() == null ? "" : f.getMethod().getType().getName();
        return type.equals("java.lang.ClassLoader")
                || type.startsWith("jdk.internal.loader.")
                || type.startsWith("java.lang.invoke.InnerClassLambdaMetafactory");
    }
}
