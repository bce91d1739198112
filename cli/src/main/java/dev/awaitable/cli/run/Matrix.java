package dev.awaitable.cli.run;

import dev.awaitable.workloads.Implementation;
import dev.awaitable.workloads.ParamSpec;
import dev.awaitable.workloads.Params;
import dev.awaitable.workloads.Workload;
import dev.awaitable.workloads.WorkloadCatalog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The cells a run measures: selected workloads x implementations x the cartesian product of
 * their parameter values, in catalog order, then the shard's share. Every name and value is
 * checked here, before anything runs, so bad input fails fast with one clear message.
 */
public final class Matrix {
    private Matrix() {}

    /** The workloads selected by {@code settings} (all if none named), of every kind, in catalog order. */
    public static List<Workload> workloads(MatrixSettings settings) {
        if (settings.workloads().isEmpty()) {
            return WorkloadCatalog.all();
        }
        List<Workload> named = settings.workloads().stream()
                .map(WorkloadCatalog::byId)
                .distinct()
                .toList();
        return WorkloadCatalog.all().stream().filter(named::contains).toList();
    }

    /** The selected workloads measured in-process by JMH; {@link HttpMatrix} has the service's cells. */
    public static List<Workload> inProcessWorkloads(MatrixSettings settings) {
        boolean quickDefault = settings.workloads().isEmpty() && !settings.full();
        return workloads(settings).stream()
                .filter(w -> w.kind() == Workload.Kind.IN_PROCESS)
                .filter(w ->
                        !(quickDefault && leftOutOfQuick(w, Runtime.version().feature())))
                .toList();
    }

    /**
     * Whether the quick matrix leaves {@code w} out when no workloads are named, on a JDK of this
     * feature release. {@code pinning} on JDK 24+: a monitor no longer pins a virtual thread there
     * (JEP 491), so its cells time a cross-thread hand-off under an uncontended lock, which
     * ping-pong and cpu-offload time already, and on two shared cores they were unstable on every
     * implementation (±12-45%). On JDK 21-23, where it shows pinning serialize a batch, it stays;
     * it runs wherever it is named, and in the full matrix.
     */
    static boolean leftOutOfQuick(Workload w, int jdkFeature) {
        return w.id().equals("pinning") && jdkFeature >= 24;
    }

    /**
     * The implementations of the quick matrix's in-process cells when none are named: every one but
     * the blocking peer (the Awaitable API on both backends, plain virtual threads,
     * CompletableFuture and kotlinx.coroutines). In a same-thread workload every await of blocking code is a hand-off
     * between two platform threads, an OS wake-up each: its cells measure the scheduler's wake-ups,
     * not async machinery, at 10 to 1000 times the others' time and with iterations that spread
     * 10-40% on two shared cores. It stays in the full matrix, in the HTTP service runs
     * (thread-per-connection is its real use), and in any run that names it ({@code -i blocking}).
     * statemachine-woven (the loom sources woven) is left out too, only because the quick run's
     * time budget is spent: it runs in the full matrix and wherever it is named
     * ({@code -i statemachine-woven}).
     */
    public static final List<Implementation> QUICK_DEFAULT = List.of(
            Implementation.LOOM,
            Implementation.STATEMACHINE,
            Implementation.VIRTUAL_THREADS,
            Implementation.COMPLETABLE_FUTURE,
            Implementation.KOTLIN_COROUTINES);

    /** The implementations of the run's in-process cells: those named, else all (full) or {@link #QUICK_DEFAULT}. */
    public static List<Implementation> implementations(MatrixSettings settings) {
        if (settings.implementations().isEmpty()) {
            return settings.full() ? List.of(Implementation.values()) : QUICK_DEFAULT;
        }
        return named(settings);
    }

    /** The implementations named in the settings, or every one when none are. */
    static List<Implementation> named(MatrixSettings settings) {
        if (settings.implementations().isEmpty()) {
            return List.of(Implementation.values());
        }
        return settings.implementations().stream().map(Implementation::byId).toList();
    }

    /** Every parameter set of {@code w} under {@code settings}. */
    public static List<Params> paramSets(Workload w, MatrixSettings settings) {
        List<Map<String, String>> sets = new ArrayList<>();
        sets.add(new LinkedHashMap<>());
        for (ParamSpec spec : w.params()) {
            List<String> values =
                    settings.paramOverrides().getOrDefault(spec.name(), settings.full() ? spec.full() : spec.quick());
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : sets) {
                for (String v : values) {
                    Map<String, String> m = new LinkedHashMap<>(partial);
                    m.put(spec.name(), v);
                    next.add(m);
                }
            }
            sets = next;
        }
        List<Params> out = new ArrayList<>();
        for (Map<String, String> m : sets) {
            out.add(Params.of(w, m));
        }
        return out;
    }

    /** All cells of the run, in order, restricted to this shard. */
    public static List<Cell> cells(MatrixSettings settings) {
        checkOverrides(settings);
        List<Implementation> impls = implementations(settings);
        List<Cell> all = new ArrayList<>();
        for (Workload w : inProcessWorkloads(settings)) {
            for (Params p : paramSets(w, settings)) {
                for (Implementation impl : impls) {
                    if (w.implementations().contains(impl)) {
                        all.add(new Cell(w, impl, p));
                    }
                }
            }
        }
        return shard(all, settings, Cell::group);
    }

    /**
     * This shard's share of {@code all}: whole groups (items with the same {@code group} key),
     * every shardCount-th group in order of first appearance, starting at shardIndex. A group
     * is every implementation of one workload's parameter set, so the cells a ratio compares
     * are measured on the same machine however the shards are spread.
     */
    static <T> List<T> shard(List<T> all, MatrixSettings settings, Function<T, String> group) {
        if (settings.shardCount() <= 1) {
            return all;
        }
        Map<String, Integer> index = new LinkedHashMap<>();
        List<T> mine = new ArrayList<>();
        for (T item : all) {
            int g = index.computeIfAbsent(group.apply(item), k -> index.size());
            if (g % settings.shardCount() == settings.shardIndex() - 1) {
                mine.add(item);
            }
        }
        return mine;
    }

    /** A --param for a name no selected workload has is a typo: say so. */
    private static void checkOverrides(MatrixSettings settings) {
        for (String name : settings.paramOverrides().keySet()) {
            boolean known = workloads(settings).stream()
                    .anyMatch(w -> w.params().stream().anyMatch(p -> p.name().equals(name)));
            if (!known) {
                throw new IllegalArgumentException("no selected workload has a parameter '" + name + "'");
            }
        }
    }
}
