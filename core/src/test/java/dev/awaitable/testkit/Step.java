package dev.awaitable.testkit;

import dev.awaitable.AwaitableLike;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One step of a {@link Program}. The forms are the control flow an async method has: await,
 * plain code, throw, loops, and try/catch/finally (which may span awaits).
 */
public sealed interface Step {

    /** Await what {@code target} returns; store the value as {@code into} (if not null) and as {@link Frame#last()}. */
    record Await(Function<Frame, ? extends AwaitableLike<?>> target, String into) implements Step {}

    /** Synchronous code; may throw. */
    record Compute(Consumer<Frame> action) implements Step {}

    /** Throw what {@code exception} makes. */
    record Throw(Function<Frame, ? extends Throwable> exception) implements Step {}

    /** {@code while (condition) { body }}. */
    record Loop(Predicate<Frame> condition, List<Step> body) implements Step {}

    /**
     * {@code try { body } catch (catchType e) { handler } finally { finallySteps }}; handler and
     * finallySteps may be empty; a null catchType catches nothing.
     */
    record Try(List<Step> body, Class<? extends Throwable> catchType, List<Step> handler, List<Step> finallySteps)
            implements Step {}
}
