package dev.awaitable.workloads;

import dev.awaitable.Async;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/**
 * Runs every implementation of a workload once and checks they agree. A workload whose
 * implementations disagree is an error, never a result.
 */
public final class Verifier {
    private Verifier() {}

    /** Selects the backend an implementation runs on (peers leave it as is). */
    public static void selectBackend(Implementation impl) {
        if (impl.backend() != null) {
            Async.useBackend(impl.backend());
        }
    }

    /** One run of {@code impl}: open, run, close; its checksum. */
    public static long checksum(Workload w, Implementation impl, Params params) throws Exception {
        selectBackend(impl);
        try (WorkloadRun run = w.open(impl, params)) {
            return run.run();
        }
    }

    /**
     * The checksums of {@code impls}; throws {@link WorkloadDisagreementException} unless all
     * are equal.
     */
    public static Map<Implementation, Long> verify(Workload w, Set<Implementation> impls, Params params)
            throws Exception {
        Map<Implementation, Long> sums = new EnumMap<>(Implementation.class);
        for (Implementation impl : impls) {
            sums.put(impl, checksum(w, impl, params));
        }
        if (sums.values().stream().distinct().count() > 1) {
            throw new WorkloadDisagreementException(w.id(), params, sums);
        }
        return sums;
    }
}
