package dev.awaitable.workloads;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The ways a workload is implemented: the two backends of the Awaitable API and the peers a Java
 * user would otherwise pick. Ids are stable: the CLI, JMH parameters and the report use them.
 */
public enum Implementation {
    /** Direct style ({@code Async.run} / {@code Async.await}) on the loom backend's virtual threads. */
    LOOM("loom", "loom", "the Awaitable API in direct style on the loom backend's virtual threads"),
    /** Hand-written C#-shaped state machines on the statemachine backend. */
    STATEMACHINE("statemachine", "statemachine", "hand-written state machines on the statemachine backend"),
    /**
     * The loom implementation's direct-style source, woven at build time into state machines
     * (the workloads module applies the weaver's Maven plugin), run with the statemachine backend
     * selected: what a user's direct-style code costs on statemachine, beside the hand-written
     * machines and loom. A workload whose loom source the weaver refuses says why in
     * {@link Workload#notImplemented}.
     */
    STATEMACHINE_WOVEN(
            "statemachine-woven",
            "statemachine",
            "the loom implementation's direct-style source, woven into state machines at build time,"
                    + " on the statemachine backend"),
    /** Peer: plain blocking code on JDK virtual threads, no Awaitable: what a Java 21 user writes. */
    VIRTUAL_THREADS("virtual-threads", null, "a peer: plain blocking code on JDK virtual threads, no Awaitable"),
    /** Peer: {@link java.util.concurrent.CompletableFuture} composition. */
    COMPLETABLE_FUTURE("completable-future", null, "a peer: CompletableFuture composition"),
    /** Peer: blocking code on a pool of platform threads. */
    BLOCKING("blocking", null, "a peer: blocking code on a platform thread pool"),
    /**
     * Peer: Kotlin {@code suspend} functions on kotlinx.coroutines. Its code is in the
     * {@code kotlin-peer} module, found through {@link ExternalImplementation}: a workload lists
     * it only where that module is on the class path and implements the workload.
     */
    KOTLIN_COROUTINES("kotlin-coroutines", null, "a peer: Kotlin suspend functions on kotlinx.coroutines", true);

    private final String id;
    private final String backend;
    private final String description;
    private final boolean external;

    Implementation(String id, String backend, String description) {
        this(id, backend, description, false);
    }

    Implementation(String id, String backend, String description, boolean external) {
        this.id = id;
        this.backend = backend;
        this.description = description;
        this.external = external;
    }

    /**
     * Whether this implementation's code lives outside this module, in a module that depends on
     * it and registers an {@link ExternalImplementation} (the workloads cannot depend on it).
     */
    public boolean external() {
        return external;
    }

    public String id() {
        return id;
    }

    /** The Awaitable backend this implementation runs on, or null for the peers. */
    public String backend() {
        return backend;
    }

    public String description() {
        return description;
    }

    /**
     * JVM flags a measuring fork of this implementation needs for {@code delivery}. Same-thread
     * delivery for plain virtual threads is a scheduler of one carrier: readers, writers and the
     * I/O loop's virtual thread then share one OS thread, as the other implementations share
     * the run's event loop, and a hand-off between them is no OS wake-up.
     */
    public List<String> jvmArgs(Delivery delivery) {
        if (this == VIRTUAL_THREADS && delivery == Delivery.SAME_THREAD) {
            return List.of("-Djdk.virtualThreadScheduler.parallelism=1", "-Djdk.virtualThreadScheduler.maxPoolSize=1");
        }
        return List.of();
    }

    /** The implementation with this id; an IllegalArgumentException listing the valid ids otherwise. */
    public static Implementation byId(String id) {
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (Implementation i : values()) {
            if (i.id.equals(wanted)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown implementation '" + id + "'; valid: " + ids());
    }

    public static String ids() {
        return Arrays.stream(values()).map(Implementation::id).collect(Collectors.joining(", "));
    }
}
