package dev.awaitable.workloads;

import java.util.EnumMap;
import java.util.Map;
import java.util.ServiceLoader;

/** The {@link ExternalImplementation} providers on the class path, one per implementation, loaded once. */
public final class ExternalImplementations {

    private static final Map<Implementation, ExternalImplementation> PROVIDERS = load();

    private ExternalImplementations() {}

    private static Map<Implementation, ExternalImplementation> load() {
        Map<Implementation, ExternalImplementation> found = new EnumMap<>(Implementation.class);
        for (ExternalImplementation p :
                ServiceLoader.load(ExternalImplementation.class, ExternalImplementations.class.getClassLoader())) {
            Implementation impl = p.implementation();
            if (!impl.external()) {
                throw new IllegalStateException(
                        p.getClass().getName() + " provides " + impl.id() + ", which is built in, not external");
            }
            if (found.put(impl, p) != null) {
                throw new IllegalStateException("two providers of " + impl.id() + " on the class path");
            }
        }
        return found;
    }

    /** The provider of {@code impl} for the workload with this id, or null when none is on the class path or it does not implement the workload. */
    public static ExternalImplementation find(Implementation impl, String workloadId) {
        ExternalImplementation p = PROVIDERS.get(impl);
        return p != null && p.implementsWorkload(workloadId) ? p : null;
    }

    /** Opens {@code impl} of {@code w} through its provider; an UnsupportedOperationException when there is none. */
    public static WorkloadRun open(Workload w, Implementation impl, Params params) throws Exception {
        return provider(w, impl).open(w, params);
    }

    /** {@link Workload#suspend} of {@code impl} of {@code w} through its provider. */
    public static SuspendedTasks suspend(Workload w, Implementation impl, Params params, int count) throws Exception {
        return provider(w, impl).suspend(w, params, count);
    }

    private static ExternalImplementation provider(Workload w, Implementation impl) {
        ExternalImplementation p = find(impl, w.id());
        if (p == null) {
            throw new UnsupportedOperationException(impl.id() + " does not implement " + w.id()
                    + " here (is its module, e.g. kotlin-peer, on the class path?)");
        }
        return p;
    }
}
