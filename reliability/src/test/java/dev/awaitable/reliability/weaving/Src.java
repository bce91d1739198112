package dev.awaitable.reliability.weaving;

import dev.awaitable.Awaitable;
import dev.awaitable.CompletionSource;
import dev.awaitable.SingleThreadContext;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The source a generated program awaits: {@code src.nextInt(v)} returns an awaitable that
 * completes with {@code v}, or faults, as the run's {@link Schedule} says for that call. The
 * reference interpreter uses {@link #value} instead, which applies the same schedule
 * synchronously. Public because the generated classes, in another class loader, call it.
 */
public final class Src {

    private static final AtomicInteger THREADS = new AtomicInteger();
    /** Platform threads that complete "on another thread": none of the backends' own threads. */
    private static final ExecutorService COMPLETERS = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "weaving-completer-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private final Schedule schedule;
    private final SingleThreadContext loop;
    private final AtomicInteger calls = new AtomicInteger();

    Src(Schedule schedule, SingleThreadContext loop) {
        this.schedule = schedule;
        this.loop = loop;
    }

    public Awaitable<Integer> nextInt(int value) {
        return next(value);
    }

    public Awaitable<Long> nextLong(long value) {
        return next(value);
    }

    public Awaitable<Double> nextDouble(double value) {
        return next(value);
    }

    public Awaitable<Boolean> nextBool(boolean value) {
        return next(value);
    }

    public Awaitable<String> nextStr(String value) {
        return next(value);
    }

    private <T> Awaitable<T> next(T value) {
        int call = calls.getAndIncrement();
        SourceFault fault = schedule.faults(call) ? new SourceFault("fault" + call) : null;
        return switch (schedule.kind(call)) {
            case READY -> fault == null ? Awaitable.completed(value) : Awaitable.failed(fault);
            case LOOP -> {
                CompletionSource<T> s = new CompletionSource<>();
                loop.post(() -> complete(s, value, fault));
                yield s.awaitable();
            }
            case THREAD -> {
                CompletionSource<T> s = new CompletionSource<>();
                COMPLETERS.execute(() -> {
                    long until = System.nanoTime() + 20_000L;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    complete(s, value, fault);
                });
                yield s.awaitable();
            }
        };
    }

    private static <T> void complete(CompletionSource<T> s, T value, SourceFault fault) {
        if (fault == null) {
            s.setResult(value);
        } else {
            s.setException(fault);
        }
    }

    /** The interpreter's await: the value, or the schedule's fault for this call, thrown. */
    Object value(Object value) {
        int call = calls.getAndIncrement();
        if (schedule.faults(call)) {
            throw new SourceFault("fault" + call);
        }
        return value;
    }
}
