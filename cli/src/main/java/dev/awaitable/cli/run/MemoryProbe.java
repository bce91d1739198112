package dev.awaitable.cli.run;

import dev.awaitable.workloads.Implementation;
import dev.awaitable.workloads.OwnState;
import dev.awaitable.workloads.Params;
import dev.awaitable.workloads.SuspendedTasks;
import dev.awaitable.workloads.Verifier;
import dev.awaitable.workloads.Workload;
import dev.awaitable.workloads.WorkloadCatalog;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Memory per suspended task, measured in a JVM of its own (launched by {@link MemoryMeasurer}):
 * heap used after full GCs with N tasks suspended, minus the same before they started, divided
 * by N; and JOL's size of one suspended task: the machine and its builder for a state machine,
 * the stack chunks of a parked virtual thread. Also the process's resident set growth per task,
 * which is where platform-thread stacks live (they are not on the heap).
 *
 * <p>Prints one line: {@code MEMORY bytesPerTask=.. rssPerTask=.. jolBytes=.. tasks=.. checksum=..}.
 */
public final class MemoryProbe {

    private MemoryProbe() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: MemoryProbe WORKLOAD IMPLEMENTATION PARAMS COUNT");
            System.exit(2);
        }
        Workload w = WorkloadCatalog.byId(args[0]);
        Implementation impl = Implementation.byId(args[1]);
        Params params = Params.parse(w, args[2]);
        int count = Integer.parseInt(args[3]);
        Verifier.selectBackend(impl);

        // Warm the path once at a small size so class loading and JIT metadata are not counted.
        try (SuspendedTasks warm = w.suspend(impl, params, Math.min(count, 100))) {
            warm.resumeAll();
        }
        long heapBefore = settledHeap();
        long rssBefore = rss();
        long heapAfter;
        long rssAfter;
        Long jol;
        long checksum;
        try (SuspendedTasks tasks = w.suspend(impl, params, count)) {
            Thread.sleep(300); // let every task reach its suspension point
            heapAfter = settledHeap();
            rssAfter = rss();
            jol = jolSize(tasks.representative());
            checksum = tasks.resumeAll();
        }
        System.out.printf(
                Locale.ROOT,
                "MEMORY bytesPerTask=%.1f rssPerTask=%.1f jolBytes=%s tasks=%d checksum=%d%n",
                (heapAfter - heapBefore) / (double) count,
                (rssAfter - rssBefore) / (double) count,
                jol == null ? "-" : jol.toString(),
                count,
                checksum);
        System.exit(0);
    }

    /** Heap used after the heap stopped shrinking under repeated full GCs. */
    static long settledHeap() throws InterruptedException {
        var memory = ManagementFactory.getMemoryMXBean();
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 6; i++) {
            memory.gc();
            Thread.sleep(50);
            long used = memory.getHeapMemoryUsage().getUsed();
            if (used >= last - 64 * 1024) {
                return Math.min(used, last);
            }
            last = used;
        }
        return last;
    }

    /** Resident set size of this process from /proc (0 where unavailable). */
    static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (Exception e) {
            // not Linux: RSS is reported as 0
        }
        return 0;
    }

    /**
     * JOL size of one task's own state: a virtual thread's stack chunks; the objects an
     * {@link OwnState} lists; otherwise the object itself plus its {@code builder} field's object
     * (shallow sizes: shared runtime objects they point to are not the task's cost). Null if JOL
     * cannot size it here.
     */
    static Long jolSize(Object task) {
        if (task == null) {
            return null;
        }
        try {
            var vm = org.openjdk.jol.vm.VM.current();
            if (task instanceof Thread t && t.isVirtual()) {
                Object cont =
                        field(Class.forName("java.lang.VirtualThread"), "cont").get(t);
                Object chunk = field(Class.forName("jdk.internal.vm.Continuation"), "tail")
                        .get(cont);
                long total = 0;
                Field parent = chunk == null ? null : field(chunk.getClass(), "parent");
                while (chunk != null) {
                    total += vm.sizeOf(chunk);
                    chunk = parent.get(chunk);
                }
                return total;
            }
            if (task instanceof OwnState own) {
                long total = 0;
                for (Object o : own.objects()) {
                    total += vm.sizeOf(o);
                }
                return total;
            }
            long size = vm.sizeOf(task);
            try {
                Object builder = field(task.getClass(), "builder").get(task);
                if (builder != null) {
                    size += vm.sizeOf(builder);
                }
            } catch (NoSuchFieldException e) {
                // no builder field: the object alone
            }
            return size;
        } catch (Throwable e) {
            System.err.println(
                    "awaitable: JOL could not size " + task.getClass().getName() + ": " + e);
            return null;
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // try the superclass
            }
        }
        throw new NoSuchFieldException(name);
    }
}
