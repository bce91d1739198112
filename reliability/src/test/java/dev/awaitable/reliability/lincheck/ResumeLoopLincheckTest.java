package dev.awaitable.reliability.lincheck;

import dev.awaitable.Awaitable;
import dev.awaitable.CompletionSource;
import dev.awaitable.statemachine.AsyncMethod;
import java.util.ArrayList;
import java.util.List;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The statemachine backend's resume loop ({@code StateMachineBox.run}), checked by Lincheck:
 * a method {@code sum} awaits two sources in turn and returns their sum, a method {@code chain}
 * awaits {@code sum}, and operations complete the two sources and start more methods awaiting
 * {@code sum} or {@code chain}, from any thread, while a loop may be running them.
 *
 * <p>The races this covers, from StateMachineBox's notes: completing the first source resumes
 * {@code sum} in one thread's loop, where it suspends on the second source, which another thread
 * may complete at once, resuming {@code sum} in a second loop while the first is still returning
 * from {@code moveNext} ("two runners": both then take the continuations, and the swap gives
 * them to one); a method that starts awaiting {@code sum} while the loop that completes it runs
 * (registered before the loop takes the continuations, it is handed over or dispatched; after,
 * it finds {@code sum} complete and runs at once); and the hand-over from {@code sum} to
 * {@code chain} inside one loop.
 *
 * <p>Checked once every thread is done ({@link #everyMethodResumedOnceWithItsValue}): each method
 * ran each segment once (a second resumption faults it); with both sources complete every
 * method is complete with its value (none lost); with either pending, none is.
 */
@Param(name = "value", gen = IntGen.class, conf = "1:2")
@Tag("lincheck")
@ExtendWith(QuietUnobservedFaults.class)
public class ResumeLoopLincheckTest {

    private final CompletionSource<Integer> first = new CompletionSource<>();
    private final CompletionSource<Integer> second = new CompletionSource<>();
    private final Sum sum = new Sum(first.awaitable(), second.awaitable());
    private final Next chain;
    /** Methods started by operations, on sum and on chain; guarded by this. */
    private final List<Next> onSum = new ArrayList<>();

    private final List<Next> onChain = new ArrayList<>();

    public ResumeLoopLincheckTest() {
        sum.start();
        chain = new Next(sum);
        chain.start();
    }

    @Operation
    public boolean completeFirst(@Param(name = "value") int value) {
        return first.trySetResult(value);
    }

    @Operation
    public boolean completeSecond(@Param(name = "value") int value) {
        return second.trySetResult(value * 10);
    }

    /** Starts a method awaiting sum: it suspends, or completes at once if sum is complete. */
    @Operation
    public void awaitSum() {
        Next n = new Next(sum);
        synchronized (this) {
            onSum.add(n);
        }
        n.start();
    }

    @Operation
    public void awaitChain() {
        Next n = new Next(chain);
        synchronized (this) {
            onChain.add(n);
        }
        n.start();
    }

    @Validate
    public synchronized void everyMethodResumedOnceWithItsValue() {
        boolean inputs = first.awaitable().isCompleted() && second.awaitable().isCompleted();
        List<Awaitable<Integer>> all = new ArrayList<>(List.of(sum, chain));
        all.addAll(onSum);
        all.addAll(onChain);
        for (Awaitable<Integer> m : all) {
            if (m.isFaulted()) {
                throw new AssertionError(m + " faulted", m.exception());
            }
            if (m.isCompleted() != inputs) {
                throw new AssertionError(m + (inputs ? " is pending with both sources complete" : " completed early"));
            }
        }
        if (!inputs) {
            return;
        }
        int s = first.awaitable().getResult() + second.awaitable().getResult();
        check("sum", sum, s);
        check("chain", chain, s + 1);
        for (Next n : onSum) {
            check("a method awaiting sum", n, s + 1);
        }
        for (Next n : onChain) {
            check("a method awaiting chain", n, s + 2);
        }
    }

    private static void check(String what, Awaitable<Integer> m, int expected) {
        int actual = m.getResult();
        if (actual != expected) {
            throw new AssertionError(what + " returned " + actual + ", expected " + expected);
        }
    }

    /** {@code async int Sum(first, second) { int a = await first; return a + await second; }} */
    static final class Sum extends AsyncMethod<Integer> {
        private final Awaitable<Integer> first;
        private final Awaitable<Integer> second;
        private int state;
        private int a;

        Sum(Awaitable<Integer> first, Awaitable<Integer> second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void moveNext() {
            try {
                if (state == 0) {
                    state = 1;
                    if (!first.isCompleted()) {
                        awaitOnCompleted(first, this);
                        return;
                    }
                }
                if (state == 1) {
                    a = first.getResult();
                    state = 2;
                    if (!second.isCompleted()) {
                        awaitOnCompleted(second, this);
                        return;
                    }
                }
                if (state != 2) {
                    throw new IllegalStateException("resumed again after it returned");
                }
                state = 3;
                setResult(a + second.getResult());
            } catch (Throwable t) {
                setException(t);
            }
        }
    }

    /** {@code async int Next(previous) { return await previous + 1; }} */
    static final class Next extends AsyncMethod<Integer> {
        private final Awaitable<Integer> previous;
        private int state;

        Next(Awaitable<Integer> previous) {
            this.previous = previous;
        }

        @Override
        public void moveNext() {
            try {
                if (state == 0) {
                    state = 1;
                    if (!previous.isCompleted()) {
                        awaitOnCompleted(previous, this);
                        return;
                    }
                }
                if (state != 1) {
                    throw new IllegalStateException("resumed again after it returned");
                }
                state = 2;
                setResult(previous.getResult() + 1);
            } catch (Throwable t) {
                setException(t);
            }
        }
    }

    @Test
    void modelChecking() {
        LincheckRuns.modelChecking().check(getClass());
    }

    @Test
    void stress() {
        LincheckRuns.stress().check(getClass());
    }
}
