package dev.awaitable.reliability.lincheck;

import dev.awaitable.ValueAwaitable;
import dev.awaitable.channels.BoundedChannelFullMode;
import dev.awaitable.channels.Channel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.jetbrains.lincheck.datastructures.Validate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A bounded {@link Channel} of capacity 2 in each {@link BoundedChannelFullMode}, checked by
 * Lincheck against the same channel run sequentially: {@code tryWrite}, {@code tryRead},
 * {@code tryPeek}, {@code count}, {@code tryComplete}, and the immediate outcome of
 * {@code writeAsync} and {@code readAsync} (a value, a failure, or pending) are linearizable.
 *
 * <p>What the pending operations do later is checked once every thread is done
 * ({@link Model#itemsAreConserved}): the channel is drained, and every item a write put in
 * (at once, or later from a blocked writer) was read exactly once, by a read or a blocked
 * reader, or dropped by the full mode; no reader waits while an item is buffered; and a
 * completed channel's {@code completion()} is complete once it is empty.
 */
@Tag("lincheck")
@ExtendWith(QuietUnobservedFaults.class)
class ChannelLincheckTest {

    static final int CAPACITY = 2;
    /**
     * Fewer, per full mode, than the package's default: every step of the channel's lock is a
     * step the model checker explores (about 20 ms an interleaving here, against 5 for a CAS-only
     * structure), and the four modes share most of their code.
     */
    static final int MODEL_SCENARIOS = 3;

    static final int MODEL_INVOCATIONS = 100;
    static final int STRESS_SCENARIOS = 3;

    /** One channel and what the operations saw; a subclass per full mode, since Lincheck creates it. */
    @Param(name = "item", gen = IntGen.class, conf = "1:3")
    public abstract static class Model {

        private final BoundedChannelFullMode mode;
        private final Channel<Integer> channel;
        /** Items a write put into the channel at once; guarded by this. */
        private final List<Integer> in = new ArrayList<>();
        /** Items a read took at once; guarded by this. */
        private final List<Integer> out = new ArrayList<>();
        /** Items the full mode dropped; guarded by this. */
        private final List<Integer> dropped = new ArrayList<>();
        /** Writes left pending (WAIT mode, full), with their items; guarded by this. */
        private final List<ValueAwaitable<Boolean>> blockedWrites = new ArrayList<>();

        private final List<Integer> blockedItems = new ArrayList<>();
        /** Reads left pending (channel empty); guarded by this. */
        private final List<ValueAwaitable<Integer>> blockedReads = new ArrayList<>();

        private boolean completed;

        Model(BoundedChannelFullMode mode) {
            this.mode = mode;
            this.channel = Channel.bounded(CAPACITY, mode, new Dropped());
        }

        /** A named class, not a lambda: Lincheck cannot read the fields of a lambda's hidden class. */
        private final class Dropped implements Consumer<Integer> {
            @Override
            public void accept(Integer item) {
                synchronized (Model.this) {
                    dropped.add(item);
                }
            }
        }

        @Operation
        public boolean tryWrite(@Param(name = "item") int item) {
            boolean written = channel.writer().tryWrite(item);
            if (written) {
                record(in, item);
            }
            return written;
        }

        @Operation
        public String writeAsync(@Param(name = "item") int item) {
            ValueAwaitable<Boolean> w = channel.writer().writeAsync(item);
            if (!w.isCompleted()) {
                synchronized (this) {
                    blockedWrites.add(w);
                    blockedItems.add(item);
                }
                return "pending";
            }
            String outcome = outcome(w);
            if (outcome.equals("true")) {
                record(in, item);
            }
            return outcome;
        }

        @Operation
        public Integer tryRead() {
            Integer item = channel.reader().tryRead();
            if (item != null) {
                record(out, item);
            }
            return item;
        }

        @Operation
        public String readAsync() {
            ValueAwaitable<Integer> r = channel.reader().readAsync();
            if (!r.isCompleted()) {
                synchronized (this) {
                    blockedReads.add(r);
                }
                return "pending";
            }
            String outcome = outcome(r);
            if (Character.isDigit(outcome.charAt(0))) {
                record(out, Integer.valueOf(outcome));
            }
            return outcome;
        }

        @Operation
        public Integer tryPeek() {
            return channel.reader().tryPeek();
        }

        @Operation
        public int count() {
            return channel.reader().count();
        }

        @Operation
        public boolean tryComplete() {
            boolean won = channel.writer().tryComplete();
            if (won) {
                synchronized (this) {
                    completed = true;
                }
            }
            return won;
        }

        private synchronized void record(List<Integer> into, int item) {
            into.add(item);
        }

        private static String outcome(ValueAwaitable<?> v) {
            try {
                return String.valueOf(v.getResult());
            } catch (RuntimeException e) {
                return e.getClass().getSimpleName();
            }
        }

        /**
         * Once every thread is done: drains the channel, then checks that each item put in was
         * taken out once (read, drained, or dropped by the full mode) and nothing else came out.
         */
        @Validate
        public synchronized void itemsAreConserved() {
            List<Integer> drained = new ArrayList<>();
            for (Integer item; (item = channel.reader().tryRead()) != null; ) {
                drained.add(item);
            }
            List<Integer> put = new ArrayList<>(in);
            for (int i = 0; i < blockedWrites.size(); i++) {
                ValueAwaitable<Boolean> w = blockedWrites.get(i);
                if (!w.isCompleted()) {
                    throw new AssertionError("a blocked write is still pending on a drained channel");
                }
                if (outcome(w).equals("true")) {
                    put.add(blockedItems.get(i));
                }
            }
            List<Integer> taken = new ArrayList<>(out);
            taken.addAll(drained);
            for (ValueAwaitable<Integer> r : blockedReads) {
                if (!r.isCompleted()) {
                    if (!drained.isEmpty()) {
                        throw new AssertionError("a reader waited while items " + drained + " were buffered");
                    }
                    continue;
                }
                String outcome = outcome(r);
                if (Character.isDigit(outcome.charAt(0))) {
                    taken.add(Integer.valueOf(outcome));
                }
            }
            if (mode == BoundedChannelFullMode.DROP_WRITE) {
                // the item a full channel drops is the one being written, whose write returned false
            } else {
                taken.addAll(dropped);
            }
            put.sort(null);
            taken.sort(null);
            if (!put.equals(taken)) {
                throw new AssertionError("items put in " + put + " but taken out " + taken + " (read " + out
                        + ", drained " + drained + ", dropped " + dropped + ")");
            }
            if (completed && !channel.reader().completion().isCompleted()) {
                throw new AssertionError("the channel was completed and is empty, but completion() is pending");
            }
        }
    }

    public static final class Wait extends Model {
        public Wait() {
            super(BoundedChannelFullMode.WAIT);
        }
    }

    public static final class DropWrite extends Model {
        public DropWrite() {
            super(BoundedChannelFullMode.DROP_WRITE);
        }
    }

    public static final class DropNewest extends Model {
        public DropNewest() {
            super(BoundedChannelFullMode.DROP_NEWEST);
        }
    }

    public static final class DropOldest extends Model {
        public DropOldest() {
            super(BoundedChannelFullMode.DROP_OLDEST);
        }
    }

    static Class<? extends Model> model(BoundedChannelFullMode mode) {
        return switch (mode) {
            case WAIT -> Wait.class;
            case DROP_WRITE -> DropWrite.class;
            case DROP_NEWEST -> DropNewest.class;
            case DROP_OLDEST -> DropOldest.class;
        };
    }

    @ParameterizedTest
    @EnumSource(BoundedChannelFullMode.class)
    void modelChecking(BoundedChannelFullMode mode) {
        LincheckRuns.modelChecking(MODEL_SCENARIOS, MODEL_INVOCATIONS).check(model(mode));
    }

    @ParameterizedTest
    @EnumSource(BoundedChannelFullMode.class)
    void stress(BoundedChannelFullMode mode) {
        LincheckRuns.stress(STRESS_SCENARIOS).check(model(mode));
    }
}
