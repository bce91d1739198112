package dev.awaitable.cli.run;

import dev.awaitable.Async;
import dev.awaitable.cli.results.Environment;
import dev.awaitable.cli.results.RunResults;
import dev.awaitable.spi.AsyncBackend;
import dev.awaitable.workloads.Implementation;
import dev.awaitable.workloads.ParamSpec;
import dev.awaitable.workloads.Workload;
import dev.awaitable.workloads.WorkloadCatalog;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Describes the machine, the JVM and the settings of a run, and the catalog as it was. */
public final class EnvironmentProbe {
    private EnvironmentProbe() {}

    public static Environment describe(MatrixSettings settings) {
        Runtime rt = Runtime.getRuntime();
        String gc = ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName)
                .collect(Collectors.joining(", "));
        List<String> flags =
                new ArrayList<>(ManagementFactory.getRuntimeMXBean().getInputArguments());
        flags.add("forks: " + String.join(" ", CellRunner.forkFlags(settings)));
        Map<String, Map<String, String>> backends = new LinkedHashMap<>();
        for (String name : Async.availableBackends()) {
            try {
                AsyncBackend b = Async.useBackend(name);
                Map<String, String> props = new LinkedHashMap<>(b.properties());
                props.put("description", b.description());
                backends.put(name, props);
            } catch (RuntimeException e) {
                backends.put(name, Map.of("error", String.valueOf(e.getMessage())));
            }
        }
        return new Environment(
                OffsetDateTime.now(ZoneId.systemDefault()).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                System.getProperty("java.version"),
                System.getProperty("java.vendor"),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"),
                gc,
                rt.availableProcessors(),
                cpuModel(),
                rt.maxMemory(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                flags,
                settings.command(),
                settingsAndNoise(settings),
                backends);
    }

    private static Map<String, String> settingsAndNoise(MatrixSettings settings) {
        Map<String, String> all = new LinkedHashMap<>(settings.describe());
        all.putAll(noise());
        return all;
    }

    /**
     * What a reader needs to judge noise: the CPU frequency governor (Linux), and the load
     * average when the run started (other work on the machine competes with the measurements).
     */
    static Map<String, String> noise() {
        Map<String, String> n = new LinkedHashMap<>();
        try {
            n.put(
                    "cpu governor",
                    Files.readString(Path.of("/sys/devices/system/cpu/cpu0/cpufreq/scaling_governor"))
                            .trim());
        } catch (IOException | RuntimeException e) {
            n.put("cpu governor", "not exposed (a VM, or no cpufreq)");
        }
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        if (load >= 0) {
            n.put("load average at start", String.format(java.util.Locale.ROOT, "%.2f", load));
        }
        return n;
    }

    /** The processor's model name from /proc/cpuinfo (Linux), else null. */
    static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse(null);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The catalog, for the report's legends. */
    public static List<RunResults.WorkloadInfo> catalog() {
        List<RunResults.WorkloadInfo> out = new ArrayList<>();
        for (Workload w : WorkloadCatalog.all()) {
            List<String> params = new ArrayList<>();
            for (ParamSpec p : w.params()) {
                params.add(p.name() + " (" + p.legal() + "): " + p.description());
            }
            Map<String, String> notImplemented = new LinkedHashMap<>();
            for (Implementation i : Implementation.values()) {
                String reason = w.notImplemented(i);
                if (reason != null) {
                    notImplemented.put(i.id(), reason);
                }
            }
            out.add(new RunResults.WorkloadInfo(
                    w.id(),
                    w.description(),
                    w.claim(),
                    w.shape().name(),
                    params,
                    w.kind().name(),
                    w.setup(),
                    notImplemented));
        }
        return out;
    }

    /** The implementations, in report order, for the report's legends. */
    public static List<RunResults.ImplementationInfo> implementations() {
        return Arrays.stream(Implementation.values())
                .map(i -> new RunResults.ImplementationInfo(i.id(), i.description()))
                .toList();
    }
}
