package dev.awaitable.statemachine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableStatus;
import dev.awaitable.Awaiter;
import dev.awaitable.CompletionSource;
import dev.awaitable.testkit.ManualAwaiter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The resume loop: when a method's completion resumes another method (it was awaiting the
 * first), the second runs after the first's {@code moveNext} returns, in a loop on the same
 * thread, instead of nested inside the first's {@code setResult}.
 */
class ResumeLoopTest {

    /** async int Next(Awaitable<int> prev) { int v = await prev; record(); return v + 1; } */
    static final class Next extends AsyncMethod<Integer> {
        final Awaitable<Integer> previous;
        final List<String> trace;
        final String name;
        int state;
        int resumedAtDepth;
        Thread resumedOn;

        Next(String name, Awaitable<Integer> previous, List<String> trace) {
            this.name = name;
            this.previous = previous;
            this.trace = trace;
        }

        @Override
        public void moveNext() {
            try {
                Awaiter<Integer> aw = previous.getAwaiter();
                if (state == 0 && !aw.isCompleted()) {
                    state = 1;
                    awaitOnCompleted(aw, this);
                    return;
                }
                int v = aw.getResult();
                resumedAtDepth = StackWalker.getInstance().walk(s -> (int) s.count());
                resumedOn = Thread.currentThread();
                trace.add(name + " resumed");
                setResult(v + 1);
                trace.add(name + " after setResult"); // not the C# shape: shows when the next method runs
            } catch (Throwable t) {
                setException(t);
            }
        }
    }

    /** Every method of a chain resumes at the same stack depth: the chain unwinds in a loop, not by recursion. */
    @Test
    void aChainOfMethodsResumesAtConstantStackDepth() {
        List<String> trace = new ArrayList<>();
        CompletionSource<Integer> root = new CompletionSource<>();
        List<Next> chain = new ArrayList<>();
        Awaitable<Integer> last = root.awaitable();
        for (int i = 0; i < 500; i++) {
            Next n = new Next("m" + i, last, trace);
            n.start();
            chain.add(n);
            last = n;
        }
        root.setResult(0);

        assertThat(last.getResult()).isEqualTo(500);
        assertThat(chain).extracting(n -> n.resumedAtDepth).containsOnly(chain.get(0).resumedAtDepth);
    }

    /**
     * The next method runs once the completing method's moveNext has returned, still on the
     * completing thread and before the call that started the cascade returns.
     */
    @Test
    void theNextMethodRunsAfterTheCompletingMoveNextReturns() {
        List<String> trace = new ArrayList<>();
        CompletionSource<Integer> root = new CompletionSource<>();
        Next a = new Next("a", root.awaitable(), trace);
        a.start();
        Next b = new Next("b", a, trace);
        b.start();

        root.setResult(0);
        trace.add("root.setResult returned");

        assertThat(trace)
                .containsExactly(
                        "a resumed", "a after setResult", "b resumed", "b after setResult", "root.setResult returned");
        assertThat(b.resumedOn).isSameAs(Thread.currentThread());
        assertThat(b.getResult()).isEqualTo(2);
    }

    /**
     * A method whose builder is completed from another thread, outside any segment of it,
     * resumes its awaiter on that thread as an ordinary inline continuation: the loop of the
     * thread that ran the method's last segment does not take it.
     */
    @Test
    void aCompletionOutsideTheSegmentRunsTheContinuationOnTheCompletingThread() throws Exception {
        List<String> trace = new CopyOnWriteArrayList<>();
        AsyncMethodBuilder<Integer> builder = AsyncMethodBuilder.create();
        AtomicReference<Thread> completer = new AtomicReference<>();
        // A machine that suspends on nothing awaitable: it finishes when someone calls setResult.
        builder.start(() -> {});
        Next waiter = new Next("waiter", builder.awaitable(), trace);
        waiter.start();

        Thread t = new Thread(
                () -> {
                    completer.set(Thread.currentThread());
                    builder.setResult(41);
                },
                "outside-completer");
        t.start();
        t.join();

        assertThat(waiter.getResult()).isEqualTo(42);
        assertThat(waiter.resumedOn).isSameAs(completer.get());
    }

    /**
     * A fault travels down a chain through the same loop. (Also a regression test: describing
     * a faulted AsyncMethod for the unobserved-fault report recursed through toString, and the
     * StackOverflowError stopped the fault at the first link.)
     */
    @Test
    void aFaultTravelsDownTheChainInTheLoop() {
        List<Awaitable<Integer>> all = new ArrayList<>();
        List<String> trace = new ArrayList<>();
        CompletionSource<Integer> root = new CompletionSource<>();
        Awaitable<Integer> last = root.awaitable();
        for (int i = 0; i < 100; i++) {
            Next n = new Next("m" + i, last, trace);
            n.start();
            last = n;
            all.add(n);
        }
        IllegalStateException boom = new IllegalStateException("boom");
        root.setException(boom);

        assertThat(all).extracting(Awaitable::status).containsOnly(AwaitableStatus.FAULTED);
        assertThat(last.exception()).isSameAs(boom);
        assertThat(trace).isEmpty(); // no method got past its await
    }

    /**
     * A broken machine: suspends once on {@code input}; when resumed it returns without
     * completing or suspending again, so its box is left marked as running in the resume loop
     * that ran it, until that loop sees it returned. Someone completes it later from outside.
     */
    static final class ReturnsWithoutCompleting extends AsyncMethod<Integer> {
        final Awaitable<Integer> input;
        int state;

        ReturnsWithoutCompleting(Awaitable<Integer> input) {
            this.input = input;
        }

        @Override
        public void moveNext() {
            if (state == 0) {
                state = 1;
                awaitOnCompleted(input, this);
            }
        }
    }

    /** Resumes on {@code input} inside a resume loop, then blocks that loop until released. */
    static final class HoldsItsLoop extends AsyncMethod<Integer> {
        final Awaitable<Integer> input;
        final CountDownLatch inLoop = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        int state;

        HoldsItsLoop(Awaitable<Integer> input) {
            this.input = input;
        }

        @Override
        public void moveNext() {
            try {
                if (state == 0) {
                    state = 1;
                    awaitOnCompleted(input, this);
                    return;
                }
                inLoop.countDown();
                assertTrue(release.await(10, TimeUnit.SECONDS));
                setResult(input.getResult());
            } catch (Throwable t) {
                setException(t);
            }
        }
    }

    /**
     * A machine that returned from a segment in a resume loop without completing or suspending
     * leaves its box marked RUNNING, which tells a completion to leave the continuations to the
     * loop. The loop must clear that mark once moveNext returns: a later completion from
     * outside (here on the test thread, while the loop thread sits in another resume loop) then
     * runs the awaiter itself, before setResult returns. Left marked, the completion would only
     * publish the result and the awaiter would never run.
     */
    @Test
    void aBrokenMachineCompletedLaterFromOutsideRunsItsAwaiterInSetResult() throws Exception {
        CompletionSource<Integer> first = new CompletionSource<>();
        CompletionSource<Integer> second = new CompletionSource<>();
        ReturnsWithoutCompleting broken = new ReturnsWithoutCompleting(first.awaitable());
        broken.start();
        Next waiter = new Next("waiter", broken, new CopyOnWriteArrayList<>());
        waiter.start();
        HoldsItsLoop holder = new HoldsItsLoop(second.awaitable());
        holder.start();

        Thread loopThread = new Thread(
                () -> {
                    first.setResult(1); // resumes `broken` in this thread's loop; it returns without completing
                    second.setResult(2); // resumes `holder` in a new loop, which blocks until released
                },
                "loop-thread");
        loopThread.start();
        assertThat(holder.inLoop.await(10, TimeUnit.SECONDS)).isTrue();
        try {
            broken.setResult(41); // from the test thread, while loop-thread sits in a resume loop
            assertThat(waiter.isCompleted())
                    .as("the awaiter ran inside setResult")
                    .isTrue();
            assertThat(waiter.resumedOn).isSameAs(Thread.currentThread());
            assertThat(waiter.getResult()).isEqualTo(42);
        } finally {
            holder.release.countDown();
            loopThread.join(10_000);
        }
        assertThat(holder.getResult()).isEqualTo(2);
    }

    /**
     * A box suspended on an awaiter that names no Awaitable is still published: completing its
     * builder from outside then resumes whoever awaits it. (Regression: such a suspension
     * recorded null, the UNPUBLISHED state, and the completion took the synchronous path,
     * which runs no continuations, so the awaiter hung.)
     */
    @Test
    void aBoxSuspendedOnAnOpaqueAwaiterStaysPublished() {
        AsyncMethodBuilder<Integer> builder = AsyncMethodBuilder.create();
        CompletionSource<Integer> first = new CompletionSource<>();
        ManualAwaiter<Integer> opaque = new ManualAwaiter<>(); // never completed here
        builder.start(new AsyncStateMachine() {
            int state;

            @Override
            public void moveNext() { // await first; await opaque; (completed from outside)
                if (state == 0) {
                    state = 1;
                    builder.awaitOnCompleted(first.awaitable(), this);
                } else if (state == 1) {
                    state = 2;
                    builder.awaitOnCompleted(opaque, this); // suspends from a resumed segment
                }
            }
        });
        first.setResult(0);
        assertThat(opaque.continuation()).isSameAs(builder);
        Next waiter = new Next("waiter", builder.awaitable(), new ArrayList<>());
        waiter.start();

        builder.setResult(41); // from outside, while suspended

        assertThat(waiter.isCompleted()).as("the awaiter ran").isTrue();
        assertThat(waiter.getResult()).isEqualTo(42);
    }

    /** An AsyncMethod resumes only itself: suspending it for another machine faults it, naming the misuse. */
    @Test
    void anAsyncMethodIsItsOwnMachine() {
        CompletionSource<Integer> never = new CompletionSource<>();
        AsyncMethod<Integer> m = new AsyncMethod<>() {
            @Override
            public void moveNext() {
                try {
                    awaitOnCompleted(never.awaitable(), () -> {});
                } catch (Throwable t) {
                    setException(t);
                }
            }
        };
        m.start();

        assertThat(m.isFaulted()).isTrue();
        assertThat(m.exception())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("its own state machine");
    }

    /**
     * The layout the allocation budget rests on: an Awaitable is two fields, a box adds one, and an
     * AsyncMethod adds none, so a method with two hoisted fields is one object of header + 5
     * fields (32 bytes with compressed oops) however often it suspends; a builder box adds the
     * machine and a captured context, header + 5 fields too.
     */
    @Test
    void anAsyncMethodAddsOneFieldToAnAwaitable() {
        assertThat(instanceFields(Awaitable.class)).containsExactly("result", "continuations");
        assertThat(instanceFields(StateMachineBox.class)).containsExactly("suspension");
        assertThat(instanceFields(AsyncMethod.class)).isEmpty();
        assertThat(instanceFields(StateMachineBox.BuilderBox.class)).containsExactly("machine", "context");
    }

    private static List<String> instanceFields(Class<?> c) {
        List<String> names = new ArrayList<>();
        for (java.lang.reflect.Field f : c.getDeclaredFields()) {
            if (!java.lang.reflect.Modifier.isStatic(f.getModifiers())) {
                names.add(f.getName());
            }
        }
        return names;
    }

    /**
     * A running JFR recording with the per-await events off (the comparison's default: statistics
     * only) leaves the common suspension untracked: the box holds the awaited awaitable itself,
     * not a holder allocated per method. (Regression: any recording sent every suspension down
     * the tracked path.) With the Resume event on, the holder is what carries the timestamps.
     */
    @Test
    void aRecordingWithoutResumeEventsLeavesSuspensionsUntracked() throws Exception {
        CompletionSource<Integer> pending = new CompletionSource<>();
        try (jdk.jfr.Recording r = new jdk.jfr.Recording()) {
            r.enable(dev.awaitable.jfr.StatisticsEvent.NAME);
            r.start();
            Next quiet = new Next("quiet", pending.awaitable(), new ArrayList<>());
            quiet.start();
            assertThat(suspensionOf(quiet)).isSameAs(pending.awaitable());

            r.enable(dev.awaitable.jfr.ResumeEvent.NAME);
            Next timed = new Next("timed", pending.awaitable(), new ArrayList<>());
            timed.start();
            assertThat(suspensionOf(timed)).isNotNull().isNotSameAs(pending.awaitable());
        }
        pending.setResult(1);
    }

    /**
     * A builder-shaped method awaiting on a context keeps the context in the builder, not in a
     * holder allocated per method: its suspension is the awaited awaitable itself, deadlock
     * detection still sees where it resumes, and a completion from another thread still posts it
     * to the context's thread.
     */
    @Test
    void aBuilderKeepsItsCapturedContextWithoutAHolder() throws Exception {
        CompletionSource<Integer> pending = new CompletionSource<>();
        dev.awaitable.SingleThreadContext loop = dev.awaitable.SingleThreadContext.start("builder-context");
        try {
            java.util.concurrent.atomic.AtomicReference<Thread> resumedOn =
                    new java.util.concurrent.atomic.AtomicReference<>();
            AsyncMethodBuilder<Integer> builder = AsyncMethodBuilder.create();
            AsyncStateMachine machine = new AsyncStateMachine() {
                int state;

                @Override
                public void moveNext() {
                    Awaitable<Integer> aw = pending.awaitable();
                    if (state == 0 && !aw.isCompleted()) {
                        state = 1;
                        builder.awaitOnCompleted(aw, this);
                        return;
                    }
                    resumedOn.set(Thread.currentThread());
                    builder.setResult(aw.getResult() + 1);
                }
            };
            loop.submit(() -> {
                        builder.start(machine);
                        return null;
                    })
                    .join(java.time.Duration.ofSeconds(5));
            assertThat(suspensionOf(builder)).isSameAs(pending.awaitable());
            assertThat(builder.resumesOn()).isSameAs(loop);

            pending.setResult(41); // from this thread: the machine must resume on the loop's
            assertThat(builder.awaitable().join(java.time.Duration.ofSeconds(5)))
                    .isEqualTo(42);
            assertThat(resumedOn.get()).isSameAs(loop.thread());
            assertThat(builder.resumesOn()).as("done: waits for nothing").isNull();
        } finally {
            loop.close();
        }
    }

    private static Object suspensionOf(StateMachineBox<?> box) throws ReflectiveOperationException {
        java.lang.reflect.Field f = StateMachineBox.class.getDeclaredField("suspension");
        f.setAccessible(true);
        return f.get(box);
    }
}
