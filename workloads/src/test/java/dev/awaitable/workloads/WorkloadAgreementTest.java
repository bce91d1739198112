package dev.awaitable.workloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every implementation of every catalog workload computes the checksum its parameters call for,
 * at small sizes: each one against a value computed here, independently of the workload's code,
 * and all of them together through {@link Verifier#verify} (the harness's own gate). The two
 * memory-shaped workloads also suspend 1000 tasks and resume them.
 *
 * <p>No timing assertions; the timeouts only turn a hang into a failure.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WorkloadAgreementTest {

    /** One parameter set of one workload, and the checksum it must produce. */
    record Case(String workload, String params, long expected) {
        @Override
        public String toString() {
            return workload + " [" + params + "]";
        }
    }

    /* ---------------- Expected checksums, computed independently ---------------- */

    static long sum(long from, long toExclusive, ToLongFunction<Long> f) {
        long s = 0;
        for (long i = from; i < toExclusive; i++) {
            s += f.applyAsLong(i);
        }
        return s;
    }

    static final Map<String, List<Case>> CASES = new LinkedHashMap<>();

    static void add(String workload, String params, long expected) {
        CASES.computeIfAbsent(workload, k -> new ArrayList<>()).add(new Case(workload, params, expected));
    }

    static {
        // fast-path: 50,000 calls, key i % 100, value 7k + 3 whether hit or miss
        long fastPath = sum(0, 50_000, i -> 7 * (i % 100) + 3);
        for (String hit : List.of("0", "50", "100")) {
            for (String returns : List.of("awaitable", "value")) {
                add("fast-path", "hit-ratio=" + hit + ",returns=" + returns, fastPath);
            }
        }
        // suspend-resume: the values 0..count-1
        add("suspend-resume", "count=10", sum(0, 10, i -> i));
        // await-chain: 100,000 / depth chains, chain c reads c and each level adds one
        for (int depth : new int[] {1, 7, 200}) {
            add("await-chain", "depth=" + depth, sum(0, 100_000 / depth, c -> c + depth));
        }
        // fan-out: max(1, 1000 / children) fan-outs, children return 2i + 1
        for (String delivery : List.of("same-thread", "cross-thread")) {
            for (String style : List.of("serial", "whenall")) {
                for (int children : new int[] {1, 30, 1500}) {
                    add(
                            "fan-out",
                            "children=" + children + ",style=" + style + ",delivery=" + delivery,
                            Math.max(1, 1000 / children) * sum(0, children, i -> 2 * i + 1));
                }
            }
        }
        // ping-pong: ping sums the answers i + 1
        for (String delivery : List.of("same-thread", "cross-thread")) {
            add("ping-pong", "messages=1,delivery=" + delivery, 1);
            add("ping-pong", "messages=300,delivery=" + delivery, sum(0, 300, i -> i + 1));
        }
        // sleepers: each returns its index
        add("sleepers", "tasks=1,delay-ms=1", 0);
        add("sleepers", "tasks=200,delay-ms=2", sum(0, 200, i -> i));
        // async-stream: the values 0..items-1, however they are batched
        for (String style : List.of("per-item", "batched")) {
            add("async-stream", "items=1,style=" + style + ",batch=100", 0);
            add("async-stream", "items=250,style=" + style + ",batch=7", sum(0, 250, i -> i));
        }
        add("async-stream", "items=200,style=batched,batch=200", sum(0, 200, i -> i));
        // cpu-offload: 100 calls of xorshift rounds
        for (String style : List.of("direct", "offload")) {
            for (int work : new int[] {1, 50}) {
                add(
                        "cpu-offload",
                        "style=" + style + ",work=" + work + ",calls=100",
                        sum(0, 100, i -> xorshift(i, work)));
            }
        }
        // hoisted-locals: 100 tasks, each the unsigned byte sum of its buffer ((j + i) mod 256) plus the gate's 1
        for (String style : List.of("held", "released")) {
            for (int kb : new int[] {1, 3}) {
                add("hoisted-locals", "buffer-kb=" + kb + ",style=" + style, bufferTasks(100, kb));
            }
        }
        // context-post: the values 0..awaits-1
        for (String style : List.of("capture", "no-capture")) {
            add("context-post", "style=" + style + ",awaits=1", 0);
            add("context-post", "style=" + style + ",awaits=50", sum(0, 50, i -> i));
        }
        // async-lambdas: elements return 2i + 1
        for (String style : List.of("lambda", "method-ref")) {
            add("async-lambdas", "style=" + style + ",elements=1", 1);
            add("async-lambdas", "style=" + style + ",elements=60", sum(0, 60, i -> 2 * i + 1));
        }
        // pinning: task i returns 2i + i
        for (String hold : List.of("monitor", "reentrant-lock", "none")) {
            add("pinning", "tasks=1,hold=" + hold, 0);
            add("pinning", "tasks=40,hold=" + hold, sum(0, 40, i -> 3 * i));
        }
    }

    static long xorshift(long i, int rounds) {
        long x = i * 0x9E3779B97F4A7C15L + 1;
        for (int k = 0; k < rounds; k++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }

    /** {@code tasks} buffers of {@code kb} KiB, task i's byte j = (j + i) mod 256, summed unsigned, plus 1 each. */
    static long bufferTasks(long tasks, int kb) {
        return sum(0, tasks, i -> sum(0, kb * 1024L, j -> (j + i) % 256) + 1);
    }

    /* ---------------- Sources ---------------- */

    static Stream<Case> cases() {
        return CASES.values().stream().flatMap(List::stream);
    }

    static Stream<Arguments> cells() {
        return cases().flatMap(c ->
                WorkloadCatalog.byId(c.workload()).implementations().stream().map(impl -> Arguments.of(c, impl)));
    }

    static Stream<Arguments> memoryCells() {
        return MEMORY_CASES.stream()
                .flatMap(c -> WorkloadCatalog.byId(c.workload()).implementations().stream()
                        .map(impl -> Arguments.of(c, impl)));
    }

    /* ---------------- Tests ---------------- */

    /** Each implementation alone computes the expected checksum, twice in a row on one open run. */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("cells")
    void implementationComputesTheExpectedChecksum(Case c, Implementation impl) throws Exception {
        Workload w = WorkloadCatalog.byId(c.workload());
        Params p = Params.parse(w, c.params());
        Verifier.selectBackend(impl);
        try (WorkloadRun run = w.open(impl, p)) {
            assertThat(run.run()).as("%s on %s, first run", c, impl.id()).isEqualTo(c.expected());
            assertThat(run.run()).as("%s on %s, second run", c, impl.id()).isEqualTo(c.expected());
        }
    }

    /** The harness's gate passes: all implementations agree, on the expected value. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void implementationsAgree(Case c) throws Exception {
        Workload w = WorkloadCatalog.byId(c.workload());
        Map<Implementation, Long> sums = Verifier.verify(w, w.implementations(), Params.parse(w, c.params()));
        assertThat(sums.keySet()).isEqualTo(w.implementations());
        assertThat(Set.copyOf(sums.values())).containsExactly(c.expected());
    }

    /**
     * A memory workload suspends 1000 tasks on every implementation, names one task's own state
     * for the memory probe (the machine, the parked virtual thread, a future or closure; nothing
     * for a blocked platform thread), and resuming them yields their checksum.
     */
    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("memoryCells")
    void suspendedTasksResumeWithTheirChecksum(Case c, Implementation impl) throws Exception {
        Workload w = WorkloadCatalog.byId(c.workload());
        Params p = Params.parse(w, c.params());
        Verifier.selectBackend(impl);
        try (SuspendedTasks tasks = w.suspend(impl, p, 1000)) {
            assertThat(tasks.count()).isEqualTo(1000);
            Object representative = tasks.representative();
            switch (impl) {
                case LOOM, VIRTUAL_THREADS ->
                    assertThat(representative)
                            .isInstanceOfSatisfying(
                                    Thread.class, t -> assertThat(t.isVirtual()).isTrue());
                case STATEMACHINE ->
                    assertThat(representative).isInstanceOf(dev.awaitable.statemachine.AsyncStateMachine.class);
                case COMPLETABLE_FUTURE -> assertThat(representative).isNotNull();
                case BLOCKING -> assertThat(representative).isNull();
                // The loom source's representative is the body's thread; woven, no thread is the task's own.
                case STATEMACHINE_WOVEN -> assertThat(representative).isNull();
                default -> throw new IllegalStateException(impl.toString());
            }
            assertThat(tasks.resumeAll()).isEqualTo(c.expected());
        }
    }

    /** Memory cases: the expected checksum is for 1000 suspended tasks. */
    static final List<Case> MEMORY_CASES = List.of(
            new Case("sleepers", "tasks=1000,delay-ms=1", sum(0, 1000, i -> i)),
            new Case("hoisted-locals", "buffer-kb=1,style=held", bufferTasks(1000, 1)),
            new Case("hoisted-locals", "buffer-kb=2,style=released", bufferTasks(1000, 2)));

    /** The blocking peer refuses more sleepers than it will start platform threads for, before starting any. */
    @Test
    void blockingSleepersRefuseMoreThanTheThreadCap() {
        Workload w = WorkloadCatalog.byId("sleepers");
        Params p = Params.parse(w, "tasks=20001,delay-ms=1");
        assertThatThrownBy(() -> w.open(Implementation.BLOCKING, p))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("20000");
        assertThatThrownBy(() -> w.suspend(Implementation.BLOCKING, p, 20_001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("20000");
    }

    /** The catalog lists the workloads in report order; their ids are stable (the CLI and the report use them). */
    @Test
    void catalogListsTheWorkloadsInReportOrder() {
        assertThat(WorkloadCatalog.all())
                .extracting(Workload::id)
                .containsExactly(
                        "fast-path",
                        "suspend-resume",
                        "await-chain",
                        "fan-out",
                        "ping-pong",
                        "sleepers",
                        "async-stream",
                        "cpu-offload",
                        "hoisted-locals",
                        "context-post",
                        "async-lambdas",
                        "pinning",
                        "http-service");
        assertThat(WorkloadCatalog.all(Workload.Kind.SERVICE))
                .extracting(Workload::id)
                .containsExactly("http-service");
        assertThat(WorkloadCatalog.all())
                .filteredOn(w -> w.shape() == Workload.Shape.MEMORY)
                .extracting(Workload::id)
                .containsExactly("sleepers", "hoisted-locals");
    }

    /** Every in-process workload is covered here, with every implementation, and the memory ones are known. */
    @Test
    void everyWorkloadHasCases() {
        for (Workload w : WorkloadCatalog.all(Workload.Kind.IN_PROCESS)) {
            assertThat(CASES).as("test cases for %s", w.id()).containsKey(w.id());
            // Every built-in one; an external one (kotlin-coroutines) is not on this module's class path.
            assertThat(w.implementations())
                    .as(w.id())
                    .containsExactlyInAnyOrderElementsOf(Stream.of(Implementation.values())
                            .filter(i -> !i.external() && w.notImplemented(i) == null)
                            .toList());
            if (w.shape() == Workload.Shape.MEMORY) {
                assertThat(MEMORY_CASES)
                        .as("memory cases for %s", w.id())
                        .anyMatch(c -> c.workload().equals(w.id()));
            }
        }
    }

    /**
     * statemachine-woven runs every workload whose loom source the weaver accepts; the others
     * (their loom source marked {@code @LoomOnly}) say why, and every other implementation runs
     * everywhere. Its checksums are checked with the rest above: an unwoven body would throw on
     * the statemachine backend, so agreeing means the machines ran.
     */
    @Test
    void statemachineWovenRunsEveryWorkloadItCanWeave() {
        List<String> notWoven = new ArrayList<>();
        for (Workload w : WorkloadCatalog.all()) {
            for (Implementation i : Implementation.values()) {
                if (i != Implementation.STATEMACHINE_WOVEN) {
                    assertThat(w.notImplemented(i))
                            .as("%s on %s", w.id(), i.id())
                            .isNull();
                }
            }
            String reason = w.notImplemented(Implementation.STATEMACHINE_WOVEN);
            if (reason != null) {
                assertThat(reason).as(w.id()).isNotBlank();
                assertThat(w.implementations()).doesNotContain(Implementation.STATEMACHINE_WOVEN);
                notWoven.add(w.id());
            } else {
                assertThat(w.implementations()).as(w.id()).contains(Implementation.STATEMACHINE_WOVEN);
            }
        }
        assertThat(notWoven).containsExactly("await-chain", "pinning", "http-service");
        assertThat(Implementation.byId("statemachine-woven").backend()).isEqualTo("statemachine");
    }
}
