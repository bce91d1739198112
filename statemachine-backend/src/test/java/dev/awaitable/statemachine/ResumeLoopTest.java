package dev.awaitable.statemachine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableStatus;
import dev.awaitable.Awaiter;
import dev.awaitable.CompletionSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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

        assertThat(trace).containsExactly(
                "a resumed", "a after setResult",
                "b resumed", "b after setResult",
                "root.setResult returned");
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
        builder.start(() -> { });
        Next waiter = new Next("waiter", builder.awaitable(), trace);
        waiter.start();

        Thread t = new Thread(() -> {
            completer.set(Thread.currentThread());
            builder.setResult(41);
        }, "outside-completer");
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
}
