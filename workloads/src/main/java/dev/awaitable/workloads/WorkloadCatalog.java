package dev.awaitable.workloads;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every workload, in report order. The CLI, the JMH matrix and the report all read this one
 * catalog; adding a workload means adding it here.
 */
public final class WorkloadCatalog {

    private static final List<Workload> ALL = List.of(
            new dev.awaitable.workloads.fastpath.FastPathWorkload(),
            new dev.awaitable.workloads.suspendresume.SuspendResumeWorkload(),
            new dev.awaitable.workloads.awaitchain.AwaitChainWorkload(),
            new dev.awaitable.workloads.fanout.FanOutWorkload(),
            new dev.awaitable.workloads.pingpong.PingPongWorkload(),
            new dev.awaitable.workloads.sleepers.SleepersWorkload(),
            new dev.awaitable.workloads.asyncstream.AsyncStreamWorkload(),
            new dev.awaitable.workloads.cpuoffload.CpuOffloadWorkload(),
            new dev.awaitable.workloads.hoistedlocals.HoistedLocalsWorkload(),
            new dev.awaitable.workloads.contextpost.ContextPostWorkload(),
            new dev.awaitable.workloads.asynclambdas.AsyncLambdasWorkload(),
            new dev.awaitable.workloads.pinning.PinningWorkload(),
            new dev.awaitable.workloads.httpservice.HttpServiceWorkload());

    private static final Map<String, Workload> BY_ID = new LinkedHashMap<>();

    static {
        for (Workload w : ALL) {
            if (BY_ID.put(w.id(), w) != null) {
                throw new ExceptionInInitializerError("duplicate workload id " + w.id());
            }
        }
    }

    private WorkloadCatalog() {}

    public static List<Workload> all() {
        return ALL;
    }

    /** The workloads of one kind, in catalog order. */
    public static List<Workload> all(Workload.Kind kind) {
        return ALL.stream().filter(w -> w.kind() == kind).toList();
    }

    /** The workload with this id; an IllegalArgumentException listing the valid ids otherwise. */
    public static Workload byId(String id) {
        Workload w = BY_ID.get(id.trim());
        if (w == null) {
            throw new IllegalArgumentException(
                    "unknown workload '" + id + "'; valid: " + String.join(", ", BY_ID.keySet()));
        }
        return w;
    }
}
