package dev.awaitable.benchmarks;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.CompletionSource;
import dev.awaitable.kotlinpeer.micro.KotlinMicro;
import dev.awaitable.statemachine.AsyncMethod;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A chain of N dependent stages on a pending root: build the chain, complete the root, read the
 * last stage. Each stage adds one to its input. Compares hand-written machines (one machine +
 * builder per stage, resumed inline; and a machine that is its own builder, one object per
 * stage), CompletableFuture's {@code thenApply} (the peer a Java user would reach for), and loom
 * (a virtual thread per stage, parked on the previous one). Two floors: {@link FloorStage}, the
 * least a thread-safe dependent stage can do (one object, a CAS to register, a swap to complete,
 * completion unwound in a loop); and {@link MachineFloorStage}, that plus the least state any
 * resumable method carries (a state int, a suspension field written when it suspends and when a
 * loop resumes it, a virtual moveNext), with none of the rest of an async method's machinery:
 * no context capture, statistics, tracing, fault handling or misuse checks.
 *
 * <p>Kotlin (kotlinx.coroutines): {@code kotlinAsync}, an {@code async} per stage awaiting the
 * previous Deferred (a Task per stage, as {@code statemachine}); {@code kotlinNested}, the chain
 * as Kotlin code usually has it, N nested suspend calls in one coroutine (a continuation object
 * per frame, resumed in a loop). Both start undispatched on {@code Dispatchers.Unconfined}, so
 * every stage runs inline, as here ({@link KotlinMicro}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ChainBench {

    @Param({"1", "10", "100"})
    int stages;

    @Setup
    public void selectBackend() {
        Async.useBackend("loom");
    }

    /** The same stage as one object: a machine that is its own builder. */
    static final class SelfStage extends AsyncMethod<Integer> {
        final Awaitable<Integer> previous;
        int state;

        SelfStage(Awaitable<Integer> previous) {
            this.previous = previous;
        }

        @Override
        public void moveNext() {
            try {
                Awaitable<Integer> aw =
                        previous.getAwaiter(); // the class, not the interface: direct calls (C#: TaskAwaiter<int>)
                if (state == 0 && !aw.isCompleted()) {
                    state = 1;
                    awaitOnCompleted(aw, this);
                    return;
                }
                setResult(aw.getResult() + 1);
            } catch (Throwable t) {
                setException(t);
            }
        }
    }

    @Benchmark
    public Integer statemachineSelfBuilder() {
        CompletionSource<Integer> root = new CompletionSource<>();
        Awaitable<Integer> last = root.awaitable();
        for (int i = 0; i < stages; i++) {
            last = new SelfStage(last).start();
        }
        root.setResult(0);
        return last.getResult();
    }

    @Benchmark
    public Integer statemachine() {
        CompletionSource<Integer> root = new CompletionSource<>();
        Awaitable<Integer> last = root.awaitable();
        for (int i = 0; i < stages; i++) {
            last = SyncMethodBench.AddOneTask.call(last); // async Task<int> Next(Task<int> prev) => await prev + 1;
        }
        root.setResult(0);
        return last.getResult();
    }

    @Benchmark
    public Integer completableFuture() {
        CompletableFuture<Integer> root = new CompletableFuture<>();
        CompletableFuture<Integer> last = root;
        for (int i = 0; i < stages; i++) {
            last = last.thenApply(v -> v + 1);
        }
        root.complete(0);
        return last.join();
    }

    @Benchmark
    public Integer kotlinAsync() {
        return KotlinMicro.chainAsync(stages);
    }

    @Benchmark
    public Integer kotlinNested() {
        return KotlinMicro.chainNested(stages);
    }

    @Benchmark
    public Integer loom() {
        CompletionSource<Integer> root = new CompletionSource<>();
        Awaitable<Integer> last = root.awaitable();
        for (int i = 0; i < stages; i++) {
            Awaitable<Integer> prev = last;
            last = Async.run(() -> Async.await(prev) + 1);
        }
        root.setResult(0);
        return last.join();
    }

    /**
     * The floor: a stage reduced to what thread safety requires. Registration CASes this stage
     * into the previous one's continuation slot (or, if the previous one already completed,
     * completes now); completion publishes the result, swaps the slot to DONE and goes on with
     * the stage it found, in a loop. No context capture, statistics, tracing, deadlock hooks,
     * fault handling or resume-loop hand-over: what an {@code AsyncMethod} adds is the difference.
     */
    static final class FloorStage {
        static final Object DONE = new Object();
        final FloorStage previous;
        volatile Object result;
        volatile Object next;

        FloorStage(FloorStage previous) {
            this.previous = previous;
        }

        FloorStage start() {
            FloorStage p = previous;
            if (p.result == null && NEXT.compareAndSet(p, null, this)) {
                return this;
            }
            complete(this, (Integer) p.result + 1); // the previous stage completed first
            return this;
        }

        /** Completes {@code s} with {@code value}, then each stage waiting on it, in turn. */
        static void complete(FloorStage s, Integer value) {
            for (; ; ) {
                RESULT.setRelease(s, value);
                Object k = NEXT.getAndSet(s, DONE);
                if (!(k instanceof FloorStage waiting)) {
                    return;
                }
                s = waiting;
                value = value + 1;
            }
        }

        static final VarHandle RESULT;
        static final VarHandle NEXT;

        static {
            try {
                MethodHandles.Lookup l = MethodHandles.lookup();
                RESULT = l.findVarHandle(FloorStage.class, "result", Object.class);
                NEXT = l.findVarHandle(FloorStage.class, "next", Object.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    /**
     * The machine floor's box: {@link FloorStage} plus what resuming a method needs. A suspension
     * records what it waits on, a resume loop marks the box running (the box itself, like the
     * statemachine backend's), a completion inside the loop only publishes, and the loop takes
     * the continuation after moveNext returns.
     */
    abstract static class MachineFloorBox {
        static final Object DONE = new Object();
        volatile Object result;
        volatile Object next;
        volatile Object suspension;

        abstract void moveNext();

        final MachineFloorBox start() {
            moveNext();
            return this;
        }

        final void awaitOn(MachineFloorBox awaited) {
            SUSPENSION.setRelease(this, awaited);
            if (awaited.next != null || !NEXT.compareAndSet(awaited, null, this)) {
                throw new IllegalStateException("a floor stage has one waiter, registered before completion");
            }
        }

        final void setResult(Object value) {
            if (suspension != this) {
                throw new IllegalStateException("a floor stage completes only inside its resume loop");
            }
            RESULT.setRelease(this, value);
        }

        /** Publishes {@code value} on {@code root}, then resumes each waiting stage in turn. */
        static void complete(MachineFloorBox root, Object value) {
            RESULT.setRelease(root, value);
            MachineFloorBox box = NEXT.getAndSet(root, DONE) instanceof MachineFloorBox b ? b : null;
            while (box != null) {
                SUSPENSION.set(box, box);
                box.moveNext();
                box = box.result != null && NEXT.getAndSet(box, DONE) instanceof MachineFloorBox b ? b : null;
            }
        }

        static final VarHandle RESULT;
        static final VarHandle NEXT;
        static final VarHandle SUSPENSION;

        static {
            try {
                MethodHandles.Lookup l = MethodHandles.lookup();
                RESULT = l.findVarHandle(MachineFloorBox.class, "result", Object.class);
                NEXT = l.findVarHandle(MachineFloorBox.class, "next", Object.class);
                SUSPENSION = l.findVarHandle(MachineFloorBox.class, "suspension", Object.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }

    /** The same stage as {@link SelfStage} (await the previous, add one) on the machine floor's box. */
    static final class MachineFloorStage extends MachineFloorBox {
        final MachineFloorBox previous;
        int state;

        MachineFloorStage(MachineFloorBox previous) {
            this.previous = previous;
        }

        @Override
        void moveNext() {
            MachineFloorBox p = previous;
            if (state == 0 && p.result == null) {
                state = 1;
                awaitOn(p);
                return;
            }
            setResult((Integer) p.result + 1);
        }
    }

    static final class MachineFloorRoot extends MachineFloorBox {
        @Override
        void moveNext() {}
    }

    @Benchmark
    public Object machineFloor() {
        MachineFloorBox root = new MachineFloorRoot();
        MachineFloorBox last = root;
        for (int i = 0; i < stages; i++) {
            last = new MachineFloorStage(last).start();
        }
        MachineFloorBox.complete(root, 0);
        return last.result;
    }

    @Benchmark
    public Object floor() {
        FloorStage root = new FloorStage(null);
        FloorStage last = root;
        for (int i = 0; i < stages; i++) {
            last = new FloorStage(last).start();
        }
        FloorStage.complete(root, 0);
        return last.result;
    }
}
