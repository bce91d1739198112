package dev.awaitable.statemachine;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A pool of reusable state machines of one kind: a one-machine cache per thread, backed by a
 * small shared array, and new machines from the factory when both are empty. Used with
 * {@link PoolingValueAsyncMethodBuilder}; a steady-state await loop rents and returns the same
 * machine and allocates nothing.
 *
 * <p>Race (rent vs release on other threads): shared slots are taken and filled by CAS, so a
 * machine is handed to at most one renter. A machine released while the pool is full is
 * dropped for the GC. Machines are released only by their builder, once per call, after the
 * result was consumed (the builder invalidates the call's token first).
 *
 * @param <M> the machine type
 */
public final class MachinePool<M extends PooledAsyncStateMachine> {

    private static final int SHARED = 16;

    private final Supplier<M> factory;
    /** This pool's machine cached per thread; one per pool, since each pool holds one machine type. */
    @SuppressWarnings("ThreadLocalUsage")
    private final ThreadLocal<M> local = new ThreadLocal<>();

    private final AtomicReferenceArray<M> shared = new AtomicReferenceArray<>(SHARED);
    private final AtomicLong created = new AtomicLong();

    private MachinePool(Supplier<M> factory) {
        this.factory = factory;
    }

    /** A pool that creates machines with {@code factory} when it has none to hand out. */
    public static <M extends PooledAsyncStateMachine> MachinePool<M> create(Supplier<M> factory) {
        return new MachinePool<>(Objects.requireNonNull(factory, "factory"));
    }

    /** A machine in its initial state: pooled if one is free, else new. */
    public M rent() {
        M m = local.get();
        if (m != null) {
            local.set(null);
            return m;
        }
        for (int i = 0; i < SHARED; i++) {
            m = shared.get(i);
            if (m != null && shared.compareAndSet(i, m, null)) {
                return m;
            }
        }
        created.incrementAndGet();
        return factory.get();
    }

    /** Takes back a machine whose call is over; {@code reset()} was already called. */
    void release(M machine) {
        if (local.get() == null) {
            local.set(machine);
            return;
        }
        for (int i = 0; i < SHARED; i++) {
            if (shared.get(i) == null && shared.compareAndSet(i, null, machine)) {
                return;
            }
        }
    }

    /** How many machines the factory made: a steady-state loop stops adding to it. */
    public long created() {
        return created.get();
    }
}
