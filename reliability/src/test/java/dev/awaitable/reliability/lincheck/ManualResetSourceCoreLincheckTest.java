package dev.awaitable.reliability.lincheck;

import dev.awaitable.AwaitableStatus;
import dev.awaitable.ManualResetSourceCore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@link ManualResetSourceCore} under its pooling discipline, checked by Lincheck against the same
 * class run sequentially: one producer completes each operation, one consumer awaits it, reads it
 * and moves on ({@code reset()} or {@code tryClaim}) only once it has seen it complete, and any
 * thread may hold a stale token.
 *
 * <p>The roles are Lincheck's non-parallel groups: the consumer's operations always run on one
 * thread, the producer's on one other, and the stale reader's operations run anywhere. The
 * consumer hands each new operation to the producer once it has started it, and the producer
 * completes each operation it was handed once. Contracts:
 * <ul>
 *   <li>a registration racing the completion runs the continuation exactly once (the swap of
 *       the continuation slot is the completion);</li>
 *   <li>the consumer may reset and register on the next operation the moment it sees one
 *       complete, while the completer is still inside {@code setResult}: the next operation's
 *       continuation waits for the next completion;</li>
 *   <li>a read with a stale token fails (or, if it wins outright, sees its own operation's
 *       outcome), never the next operation's value nor the null a reset leaves in between
 *       (the seqlock recheck in {@code revalidate});</li>
 *   <li>a claim ({@code tryClaim}, what a pooling builder's consumer does) moves the version on,
 *       so the claimed operation's token is stale for everyone else from then on.</li>
 * </ul>
 * Not modelled: two consumers of one operation. {@code reset()} is not a claim, so a second
 * consumer racing the owner's read-and-reset may read the operation too, which the source does
 * not promise to catch (PooledSourceRaceTest describes that outcome); the model checker finds
 * that interleaving at once if a second claimer is added here.
 * Continuations are checked once all threads are done ({@link #continuationsRanOncePerCompletedOperation}).
 */
@Param(name = "value", gen = IntGen.class, conf = "1:2")
@Param(name = "age", gen = IntGen.class, conf = "0:2")
@Tag("lincheck")
@ExtendWith(QuietUnobservedFaults.class)
public class ManualResetSourceCoreLincheckTest {

    private final ManualResetSourceCore<Integer> core = new ManualResetSourceCore<>();
    /** The consumer's operation; written only by the consumer (one thread). */
    private int token;
    /** The operation the consumer handed to the producer: published after reset() returned. */
    private volatile int handed;
    /** The last operation the producer completed; written only by the producer (one thread). */
    private int completedByProducer;
    /** Operations a continuation was registered on, and the runs of each; guarded by this. */
    private final List<Integer> registeredOn = new ArrayList<>();

    private final List<Integer> ranFor = new ArrayList<>();
    /** What the producer completed each operation with, recorded before completing it; guarded by this. */
    private final Map<Integer, String> outcomes = new HashMap<>();

    public ManualResetSourceCoreLincheckTest() {
        core.reset();
        token = core.version();
        handed = token;
    }

    /* ---------------- Producer ---------------- */

    /**
     * Completes the operation the consumer handed over, once: a producer learns of an operation
     * only after the consumer started it (reset returned), as a pooled source's owner hands out
     * the source only then. Completing an operation before its reset returned is a misuse the
     * core does not guard against.
     */
    @Operation(nonParallelGroup = "producer")
    public String setResult(@Param(name = "value") int value) {
        int op = handed;
        if (op == completedByProducer) {
            return "idle";
        }
        completedByProducer = op;
        outcomeOf(op, String.valueOf(value));
        try {
            core.setResult(value);
            return "completed";
        } catch (IllegalStateException e) {
            return "rejected";
        }
    }

    @Operation(nonParallelGroup = "producer")
    public String setException() {
        int op = handed;
        if (op == completedByProducer) {
            return "idle";
        }
        completedByProducer = op;
        outcomeOf(op, "boom");
        try {
            core.setException(new IllegalStateException("boom"));
            return "completed";
        } catch (IllegalStateException e) {
            return "rejected";
        }
    }

    /* ---------------- Consumer ---------------- */

    /** Registers a continuation on the consumer's operation, as an await that suspends does. */
    @Operation(nonParallelGroup = "consumer")
    public String await() {
        int op = token;
        try {
            core.onCompleted(new Recorder(op), op, false);
        } catch (IllegalStateException e) {
            return e.getMessage().startsWith("stale") ? "stale" : "already awaited";
        }
        synchronized (this) {
            registeredOn.add(op);
        }
        return "registered";
    }

    @Operation(nonParallelGroup = "consumer")
    public String poll() {
        return read(token);
    }

    /** Reads the operation and starts the next one, but only once it has seen it complete. */
    @Operation(nonParallelGroup = "consumer")
    public String resetIfDone() {
        try {
            if (core.status(token) == AwaitableStatus.PENDING) {
                return "pending";
            }
            String seen = read(token);
            core.reset();
            token = core.version();
            handed = token;
            return seen;
        } catch (IllegalStateException e) {
            return "stale";
        }
    }

    /** Claims the operation (a pooling builder's consume), and starts the next one if it won. */
    @Operation(nonParallelGroup = "consumer")
    public String claim() {
        if (!core.tryClaim(token)) {
            return "not claimed";
        }
        String seen;
        try {
            seen = String.valueOf(core.claimedResult());
        } catch (IllegalStateException e) {
            seen = "boom";
        }
        token = core.version();
        handed = token;
        return "claimed " + seen;
    }

    /* ---------------- Anyone: a stale or early reader ---------------- */

    /**
     * A read from any thread with a token handed out already, the current one ({@code age} 0) or
     * an older, stale one: it fails (stale, or pending), or sees the outcome of the very
     * operation the token names, never another's nor a reset's null. Returns "ok" or what it
     * wrongly saw, so the result does not depend on when the consumer published the next
     * operation (a step of this model, not of the core). A token from the future, one that
     * reset() has made but not yet returned, cannot be held by anyone and is not tried.
     */
    @Operation
    public String readWith(@Param(name = "age") int age) {
        int t = Math.max(1, handed - age);
        String seen = read(t);
        if (seen.equals("stale") || seen.equals("pending")) {
            return "ok";
        }
        String own;
        synchronized (this) {
            own = outcomes.get(t);
        }
        return seen.equals(own) ? "ok" : "operation " + t + " read " + seen + ", completed with " + own;
    }

    private synchronized void outcomeOf(int op, String outcome) {
        outcomes.put(op, outcome);
    }

    private String read(int t) {
        try {
            return String.valueOf(core.getResult(t));
        } catch (IllegalStateException e) {
            if ("boom".equals(e.getMessage())) {
                return "boom";
            }
            return e.getMessage().startsWith("stale") ? "stale" : "pending";
        }
    }

    /** A named class, not a lambda: Lincheck cannot read the fields of a lambda's hidden class. */
    private final class Recorder implements Runnable {
        private final int op;

        Recorder(int op) {
            this.op = op;
        }

        @Override
        public void run() {
            synchronized (ManualResetSourceCoreLincheckTest.this) {
                ranFor.add(op);
            }
        }
    }

    /**
     * Once every thread is done: a continuation ran exactly once for each registration on an
     * operation that completed (every operation before the current version did: nobody moves on
     * from a pending one), and never for one still pending.
     */
    @Validate
    public synchronized void continuationsRanOncePerCompletedOperation() {
        int current = core.version();
        boolean currentDone;
        try {
            currentDone = core.status(current) != AwaitableStatus.PENDING;
        } catch (IllegalStateException e) {
            throw new AssertionError("status with the current version failed", e);
        }
        List<Integer> expected = new ArrayList<>();
        for (int op : registeredOn) {
            if (op != current || currentDone) {
                expected.add(op);
            }
        }
        expected.sort(null);
        List<Integer> actual = new ArrayList<>(ranFor);
        actual.sort(null);
        if (!actual.equals(expected)) {
            throw new AssertionError("continuations ran for operations " + actual + ", expected " + expected
                    + " (registered on " + registeredOn + ", now at " + current + ", done " + currentDone + ")");
        }
    }

    /**
     * More scenarios, fewer interleavings each, than the package's default: with three roles and
     * six operations, a scenario that puts a registration beside a completion is rarer, and a
     * completion that is not one swap loses the continuation within a few interleavings of it.
     */
    @Test
    void modelChecking() {
        LincheckRuns.modelChecking(MODEL_SCENARIOS, MODEL_INVOCATIONS).check(getClass());
    }

    static final int MODEL_SCENARIOS = 16;
    static final int MODEL_INVOCATIONS = 80;

    @Test
    void stress() {
        LincheckRuns.stress().check(getClass());
    }
}
