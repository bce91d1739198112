package dev.awaitable.testkit;

import dev.awaitable.AwaitableLike;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An async method written once, in a backend-neutral form: a list of {@link Step}s and a result
 * computed from the final {@link Frame}. Each backend runs it its own way (the statemachine
 * backend as one machine whose state is the step position, the loom backend as a direct-style
 * body that awaits), so one contract test checks every backend; the same form drives
 * differential testing.
 *
 * <pre>{@code
 * Program<Integer> p = Program.<Integer>builder("sum")
 *     .await(f -> a, "x")
 *     .await(f -> b, "y")
 *     .returns(f -> f.getInt("x") + f.getInt("y"));
 * }</pre>
 *
 * @param <T> the result type
 */
public final class Program<T> {
    private final String name;
    private final List<Step> steps;
    private final Function<Frame, T> result;

    private Program(String name, List<Step> steps, Function<Frame, T> result) {
        this.name = name;
        this.steps = List.copyOf(steps);
        this.result = result;
    }

    public String name() {
        return name;
    }

    public List<Step> steps() {
        return steps;
    }

    public T result(Frame frame) {
        return result.apply(frame);
    }

    public static <T> Builder<T> builder(String name) {
        return new Builder<>(name);
    }

    /** A block of steps (for loop bodies and try blocks). */
    public static Block block() {
        return new Block();
    }

    @Override
    public String toString() {
        return "Program[" + name + ", " + steps.size() + " steps]";
    }

    /** Collects steps. */
    public static class Block {
        final List<Step> steps = new ArrayList<>();

        public Block await(Function<Frame, ? extends AwaitableLike<?>> target) {
            return await(target, null);
        }

        public Block await(Function<Frame, ? extends AwaitableLike<?>> target, String into) {
            steps.add(new Step.Await(Objects.requireNonNull(target), into));
            return this;
        }

        public Block run(Consumer<Frame> action) {
            steps.add(new Step.Compute(action));
            return this;
        }

        public Block raise(Function<Frame, ? extends Throwable> exception) {
            steps.add(new Step.Throw(exception));
            return this;
        }

        public Block loop(Predicate<Frame> condition, Block body) {
            steps.add(new Step.Loop(condition, List.copyOf(body.steps)));
            return this;
        }

        /** {@code for (i = 0; i < times; i++) body}, counting in local {@code counter}. */
        public Block repeat(int times, String counter, Block body) {
            Block b = new Block();
            b.steps.addAll(body.steps);
            b.run(f -> f.add(counter, 1));
            run(f -> f.set(counter, 0));
            return loop(f -> f.getInt(counter) < times, b);
        }

        public Block tryCatch(Block body, Class<? extends Throwable> catchType, Block handler) {
            steps.add(new Step.Try(List.copyOf(body.steps), catchType, List.copyOf(handler.steps), List.of()));
            return this;
        }

        public Block tryFinally(Block body, Block finallySteps) {
            steps.add(new Step.Try(List.copyOf(body.steps), null, List.of(), List.copyOf(finallySteps.steps)));
            return this;
        }

        public Block tryCatchFinally(
                Block body, Class<? extends Throwable> catchType, Block handler, Block finallySteps) {
            steps.add(new Step.Try(
                    List.copyOf(body.steps), catchType, List.copyOf(handler.steps), List.copyOf(finallySteps.steps)));
            return this;
        }
    }

    /** Collects the top-level steps, then {@link #returns} builds the program. */
    public static final class Builder<T> extends Block {
        private final String name;

        Builder(String name) {
            this.name = name;
        }

        @Override
        public Builder<T> await(Function<Frame, ? extends AwaitableLike<?>> target) {
            super.await(target);
            return this;
        }

        @Override
        public Builder<T> await(Function<Frame, ? extends AwaitableLike<?>> target, String into) {
            super.await(target, into);
            return this;
        }

        @Override
        public Builder<T> run(Consumer<Frame> action) {
            super.run(action);
            return this;
        }

        @Override
        public Builder<T> raise(Function<Frame, ? extends Throwable> exception) {
            super.raise(exception);
            return this;
        }

        @Override
        public Builder<T> loop(Predicate<Frame> condition, Block body) {
            super.loop(condition, body);
            return this;
        }

        @Override
        public Builder<T> repeat(int times, String counter, Block body) {
            super.repeat(times, counter, body);
            return this;
        }

        @Override
        public Builder<T> tryCatch(Block body, Class<? extends Throwable> catchType, Block handler) {
            super.tryCatch(body, catchType, handler);
            return this;
        }

        @Override
        public Builder<T> tryFinally(Block body, Block finallySteps) {
            super.tryFinally(body, finallySteps);
            return this;
        }

        @Override
        public Builder<T> tryCatchFinally(
                Block body, Class<? extends Throwable> catchType, Block handler, Block finallySteps) {
            super.tryCatchFinally(body, catchType, handler, finallySteps);
            return this;
        }

        public Program<T> returns(Function<Frame, T> result) {
            return new Program<>(name, steps, result);
        }

        public Program<T> returnsLast() {
            @SuppressWarnings("unchecked")
            Function<Frame, T> last = f -> (T) f.last();
            return new Program<>(name, steps, last);
        }

        public Program<Void> returnsNothing() {
            return new Program<>(name, steps, f -> null);
        }
    }
}
