package dev.awaitable.reliability.lincheck;

import dev.awaitable.Awaitable;
import dev.awaitable.CompletionSource;
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
 * {@link CompletionSource} and its {@link Awaitable}: completion (result, fault, cancellation)
 * racing completion and continuation registration, checked by Lincheck against the same class
 * run sequentially.
 *
 * <p>Contracts: exactly one {@code trySet*} wins and the others report false; the status and the
 * result ({@code getResult} after completion) are those of the winner, linearizably; every
 * continuation registered runs exactly once, after completion, and sees the winner's outcome
 * (Awaitable's implementation notes: "a registrar that wins the CAS before the swap is run by
 * the completer; one that loses sees DONE (or a sealed list) and runs its continuation itself").
 * Two or more registrations build a ContinuationList, so sealing races are covered too.
 *
 * <p>Continuations are checked by {@link #eachContinuationRanOnceAndSawTheOutcome} once all
 * threads are done, not by an operation: a completion is visible before its completer has run
 * the continuations (the "late access" race in Awaitable's notes), so a run count read during
 * the race is not linearizable by design.
 */
@Param(name = "value", gen = IntGen.class, conf = "1:2")
@Tag("lincheck")
@ExtendWith(QuietUnobservedFaults.class)
public class AwaitableLincheckTest {

    private final CompletionSource<Integer> source = new CompletionSource<>();
    private final Awaitable<Integer> awaitable = source.awaitable();
    /** Continuations registered so far; guarded by this. */
    private int registered;
    /** "id=outcome" for each continuation run, in run order; guarded by this. */
    private final List<String> ran = new ArrayList<>();

    @Operation
    public boolean trySetResult(@Param(name = "value") int value) {
        return source.trySetResult(value);
    }

    @Operation
    public boolean trySetException() {
        return source.trySetException(new IllegalStateException("boom"));
    }

    @Operation
    public boolean trySetCancelled() {
        return source.trySetCancelled();
    }

    @Operation
    public String status() {
        return awaitable.status().toString();
    }

    /** What an await would see now: the value, the exception's class, or IllegalStateException while pending. */
    @Operation
    public String result() {
        return outcome();
    }

    /** An await that suspends: registers a continuation that records what it saw when it ran. */
    @Operation
    public void onCompleted() {
        int id;
        synchronized (this) {
            id = registered++;
        }
        awaitable.onCompleted(new Recorder(id));
    }

    private String outcome() {
        try {
            return String.valueOf(awaitable.getResult());
        } catch (RuntimeException e) {
            return e.getClass().getSimpleName();
        }
    }

    /** A named class, not a lambda: Lincheck cannot read the fields of a lambda's hidden class. */
    private final class Recorder implements Runnable {
        private final int id;

        Recorder(int id) {
            this.id = id;
        }

        @Override
        public void run() {
            String saw = outcome();
            synchronized (AwaitableLincheckTest.this) {
                ran.add(id + "=" + saw);
            }
        }
    }

    /** Once every thread is done: each continuation ran once if completed (none if not), and saw the outcome. */
    @Validate
    public synchronized void eachContinuationRanOnceAndSawTheOutcome() {
        List<String> expected = new ArrayList<>();
        if (awaitable.isCompleted()) {
            String outcome = outcome();
            for (int i = 0; i < registered; i++) {
                expected.add(i + "=" + outcome);
            }
        }
        List<String> actual = new ArrayList<>(ran);
        actual.sort(null);
        if (!actual.equals(expected)) {
            throw new AssertionError("continuations ran " + actual + ", expected " + expected);
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
