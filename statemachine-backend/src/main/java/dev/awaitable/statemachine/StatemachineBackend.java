package dev.awaitable.statemachine;

import dev.awaitable.AsyncBody;
import dev.awaitable.Awaitable;
import dev.awaitable.AwaitableLike;
import dev.awaitable.CancellationToken;
import dev.awaitable.spi.AsyncBackend;
import dev.awaitable.spi.ScheduledAction;
import dev.awaitable.spi.WovenBody;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The stackless backend: async methods are hand-written state machines driven by
 * {@link AsyncMethodBuilder}, {@link ValueAsyncMethodBuilder} and
 * {@link PoolingValueAsyncMethodBuilder}; context-free continuations and offloaded work run on a
 * {@link WorkerPool} of spinning-then-parking workers; timers are a {@link TimerWheel}.
 *
 * <p>Direct style ({@code Async.run} / {@code Async.await} on pending work) needs to capture a
 * stack, which this backend does not do. Bodies the weaver turned into machines
 * ({@link WovenBody}) are started as machines; an unwoven body is refused with a message naming
 * the weaver's plugin and agent, and the loom backend.
 */
public final class StatemachineBackend implements AsyncBackend {

    /** The name this backend is selected by. */
    public static final String NAME = "statemachine";

    private static final String NO_DIRECT_STYLE = "the statemachine backend runs state machines "
            + "(AsyncStateMachine + AsyncMethodBuilder); this direct-style Async.run/Async.await body was not "
            + "woven into one: weave it at build time with the Maven plugin (dev.awaitable:awaitable-maven-plugin, "
            + "goal weave) or at load time with the agent (-javaagent:awaitable-weaver-<version>.jar), or run "
            + "it unwoven on the loom backend (-Dawaitable.backend=loom)";

    private static final class Shared {
        static final WorkerPool SCHEDULER = new WorkerPool(
                "awaitable-sm",
                Integer.getInteger(
                        "awaitable.statemachine.workers",
                        java.lang.Runtime.getRuntime().availableProcessors()));
        static final TimerWheel TIMER = new TimerWheel("awaitable-sm-timer", SCHEDULER);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "stackless C#-shaped state machines; spinning worker pool; hashed timing wheel";
    }

    @Override
    public Executor scheduler() {
        return Shared.SCHEDULER;
    }

    @Override
    public ScheduledAction schedule(Runnable task, long delayNanos) {
        return Shared.TIMER.schedule(task, delayNanos);
    }

    /** Timeouts waiting in the timer wheel (for tests and diagnostics). */
    public static long pendingTimers() {
        return Shared.TIMER.pending();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> Awaitable<T> run(AsyncBody<T> body) {
        if (body instanceof WovenBody<?> machine) {
            return (Awaitable<T>) machine.start();
        }
        throw new UnsupportedOperationException(NO_DIRECT_STYLE);
    }

    @Override
    public <T> T await(AwaitableLike<T> awaitable, CancellationToken token) {
        throw new UnsupportedOperationException(NO_DIRECT_STYLE);
    }

    @Override
    public boolean supportsDirectStyle() {
        return false;
    }

    @Override
    public Map<String, String> properties() {
        return Map.of(
                "workers",
                String.valueOf(Shared.SCHEDULER.size()),
                "spins",
                String.valueOf(WorkerPool.SPINS),
                "timerTickNanos",
                String.valueOf(TimerWheel.TICK_NANOS));
    }
}
