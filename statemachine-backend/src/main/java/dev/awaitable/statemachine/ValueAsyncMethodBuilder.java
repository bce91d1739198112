package dev.awaitable.statemachine;

import dev.awaitable.ValueAwaitable;

/**
 * Builds the {@link ValueAwaitable} of a hand-written async method (.NET's
 * {@code AsyncValueTaskMethodBuilder<T>}): a method that completes without suspending returns
 * a value-backed {@code ValueAwaitable}, one that suspends returns one backed by this builder.
 *
 * <p>Allocation: a synchronous completion needs no awaitable at all. The machine and this
 * builder are still objects; when the caller is compiled with the method inlined and the
 * suspension path never taken, C2's escape analysis removes both (and the value-backed
 * {@code ValueAwaitable}), and the call allocates nothing. When the method does suspend, it
 * costs the machine and this builder, as {@link AsyncMethodBuilder} does. For methods that
 * usually complete synchronously but sometimes suspend, test the fast path before creating
 * the machine (the seeds' "favor synchronous completion" pattern), or pool the machine with
 * {@link PoolingValueAsyncMethodBuilder}.
 *
 * @param <T> the method's result type
 */
public final class ValueAsyncMethodBuilder<T> extends StateMachineBox.BuilderBox<T> {

    private ValueAsyncMethodBuilder() {}

    public static <T> ValueAsyncMethodBuilder<T> create() {
        return new ValueAsyncMethodBuilder<>();
    }

    /** Runs {@code machine} until its first suspension or its end, on the calling thread. */
    public void start(AsyncStateMachine machine) {
        startMachine(machine);
    }

    /** The method's result: value-backed if it already succeeded, else backed by this builder. */
    public ValueAwaitable<T> valueAwaitable() {
        if (isCompletedSuccessfully()) {
            return ValueAwaitable.of(resultNow());
        }
        return ValueAwaitable.from(this);
    }
}
