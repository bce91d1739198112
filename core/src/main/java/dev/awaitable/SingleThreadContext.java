package dev.awaitable;

import dev.awaitable.internal.AsyncThread;
import dev.awaitable.internal.Trampoline;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.LockSupport;

/**
 * An event loop with one named thread: the Java shape of a UI thread's
 * {@code SynchronizationContext}. Everything posted runs on that thread, one action at a time,
 * in the order it reached the loop. An await started on the loop resumes on the loop.
 *
 * <p>Also an {@link Executor}, so it can serve as the scheduler of virtual threads bound to it
 * (the loom backend's context affinity).
 *
 * <p>{@link Awaitable#join()} on this thread, for work that must resume here, throws
 * {@link DeadlockException} instead of hanging (see {@link Deadlocks}).
 *
 * <p>Thread identity: hand-written machines and posted actions run on {@link #thread()} itself.
 * A direct-style body on the loom backend runs on this context as a virtual thread mounted on
 * {@link #thread()}: {@link #isCurrent()} is true there, {@code Thread.currentThread() == thread()}
 * is false, and this thread's {@code ThreadLocal}s are not visible. Check {@link #isCurrent()}.
 * The thread is a daemon: close the context to stop it.
 */
public final class SingleThreadContext extends AsyncContext implements Executor, AutoCloseable {

    /*
     * Implementation notes.
     *
     * Queues: `local` (ArrayDeque) is touched only by the loop thread; a post from the loop's own
     * thread appends there: no atomic, no wake-up (the fast path). Posts from other threads go to
     * `remote` (lock-free MPSC use of a ConcurrentLinkedQueue); the loop moves them to the tail of
     * `local` before taking the next action, so actions run in the order they reached the loop
     * and neither source starves the other. The loop polls `remote` only when `remotePosts`
     * (incremented after each offer) differs from what it has taken. Race (offer vs count): an
     * action offered but not yet counted is found on a later take, at the latest by the
     * re-check of `remote` before parking; one taken before it is counted makes the loop poll
     * an empty queue once more, harmlessly.
     *
     * States (`state`):
     *   RUNNING        accepts posts
     *   CLOSING        close() was called: posts from other threads are rejected; the loop
     *                  finishes everything already queued, then terminates
     *   TERMINATED     the loop thread has exited
     * Transitions: RUNNING -> CLOSING -> TERMINATED.
     *
     * Waiting: the loop spins briefly (a post soon after usually arrives without a futex wake),
     * then sets `parked` and re-checks `remote` before parking. Race (post vs park): a poster
     * offers, then reads `parked`; the loop writes `parked`, then re-reads `remote`. Both are
     * volatile accesses, so at least one side sees the other: the poster unparks, or the loop
     * finds the action. A spurious unpark is harmless.
     *
     * Race (post vs terminate): a poster that read RUNNING may offer after the loop's last
     * drain. The loop sets TERMINATED, then drains `remote` once more; the poster re-reads
     * `state` after offering and, if TERMINATED, removes its action and rejects it. Whichever
     * side takes the action (the final drain, or remove()) decides: it runs once or is rejected.
     *
     * Invariant: at most one action runs at a time, always on `thread`.
     */

    private static final int RUNNING = 0;
    private static final int CLOSING = 1;
    private static final int TERMINATED = 2;

    /** Empty polls of `remote` before parking. */
    private static final int SPINS = Integer.getInteger("awaitable.loop.spins", 100);

    private final String name;
    private final LoopThread thread;
    private final ArrayDeque<Runnable> local = new ArrayDeque<>();
    private final ConcurrentLinkedQueue<Runnable> remote = new ConcurrentLinkedQueue<>();
    private volatile int state;
    private volatile boolean parked;
    /** The join the loop thread is blocked in, or null (see Deadlocks). */
    private volatile JoinState joining;
    /** Posts from the loop thread itself; written only by it. */
    private long localPosts;

    private volatile long remotePosts;
    /** Actions the loop has moved from `remote` to `local`; written only by the loop thread. */
    private long remoteTaken;

    private SingleThreadContext(String name) {
        this.name = name;
        this.thread = new LoopThread(this, name);
    }

    /** Starts an event loop on a new daemon thread named {@code name}. */
    public static SingleThreadContext start(String name) {
        SingleThreadContext c = new SingleThreadContext(Objects.requireNonNull(name, "name"));
        c.thread.start();
        return c;
    }

    /* ---------------- Posting ---------------- */

    /**
     * Queues {@code action} to run on the loop thread, after everything queued before it.
     *
     * @throws RejectedExecutionException from another thread after {@link #close()}
     */
    @Override
    public void post(Runnable action) {
        Objects.requireNonNull(action, "action");
        if (Thread.currentThread() == thread) {
            local.addLast(action);
            localPosts++;
            return;
        }
        postRemote(action);
    }

    private void postRemote(Runnable action) {
        if (state != RUNNING) {
            throw new RejectedExecutionException(name + " is closed");
        }
        remote.offer(action);
        REMOTE_POSTS.getAndAdd(this, 1L);
        if (state == TERMINATED && remote.remove(action)) {
            throw new RejectedExecutionException(name + " is closed");
        }
        if (parked) {
            LockSupport.unpark(thread);
        }
        JoinState j = joining;
        if (j != null) {
            j.recheck(this);
        }
    }

    /** Same as {@link #post}: lets the loop be an executor (a virtual-thread scheduler, say). */
    @Override
    public void execute(Runnable command) {
        post(command);
    }

    /** Runs {@code work} on the loop; the awaitable completes with its result or exception. */
    public <T> Awaitable<T> submit(Callable<T> work) {
        CompletionSource<T> source = new CompletionSource<>();
        post(() -> {
            try {
                source.trySetResult(work.call());
            } catch (Throwable t) {
                source.trySetException(t);
            }
        });
        return source.awaitable();
    }

    @Override
    public boolean isCurrent() {
        return Thread.currentThread() == thread || AsyncContext.current() == this;
    }

    @Override
    public String name() {
        return name;
    }

    /**
     * The loop's thread. Not the thread a loom direct-style body on this context sees as
     * {@code Thread.currentThread()} (a virtual thread mounted on this one): to ask "am I on the
     * loop?", use {@link #isCurrent()}.
     */
    public Thread thread() {
        return thread;
    }

    @Override
    public long postCount() {
        return localPosts + remotePosts;
    }

    /** True until {@link #close()} was called. */
    public boolean isRunning() {
        return state == RUNNING;
    }

    /* ---------------- Shutdown ---------------- */

    /**
     * Stops accepting posts from other threads, lets the loop finish what is queued, and (from
     * another thread) waits for the loop thread to end.
     */
    @Override
    public void close() {
        STATE.compareAndSet(this, RUNNING, CLOSING);
        LockSupport.unpark(thread);
        if (Thread.currentThread() != thread) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Like {@link #close()}, but waits at most {@code timeout}; true if the loop ended. */
    public boolean close(Duration timeout) throws InterruptedException {
        STATE.compareAndSet(this, RUNNING, CLOSING);
        LockSupport.unpark(thread);
        if (Thread.currentThread() != thread) {
            thread.join(timeout);
        }
        return state == TERMINATED;
    }

    /* ---------------- The loop ---------------- */

    private void loop() {
        Trampoline trampoline = thread.trampoline(); // runs each action; reports one that throws
        for (; ; ) {
            Runnable next = take();
            if (next == null) {
                break;
            }
            trampoline.execute(next);
        }
        state = TERMINATED;
        Runnable straggler;
        while ((straggler = remote.poll()) != null) {
            trampoline.execute(straggler);
        }
    }

    /** The next action, or null once closing and empty. */
    private Runnable take() {
        int spins = 0;
        for (; ; ) {
            Runnable r;
            if (remotePosts != remoteTaken) { // one volatile read instead of polling an empty queue
                while ((r = remote.poll()) != null) {
                    local.addLast(r);
                    remoteTaken++;
                }
            }
            r = local.pollFirst();
            if (r != null) {
                return r;
            }
            if (state != RUNNING) {
                return null;
            }
            if (spins < SPINS) {
                spins++;
                Thread.onSpinWait();
                continue;
            }
            parked = true;
            if (remote.isEmpty() && state == RUNNING) {
                LockSupport.park(this);
            }
            parked = false;
            spins = 0;
        }
    }

    /* ---------------- Deadlock detection support ---------------- */

    /** Called by {@link Awaitable#join()} on the loop thread before it blocks. */
    void beginJoin(Awaitable<?> awaitable, Awaitable.Signaller waiter) {
        joining = new JoinState(awaitable, waiter);
    }

    void endJoin() {
        joining = null;
    }

    /** What the loop thread is blocked joining; rechecked for a deadlock whenever work is posted here. */
    private record JoinState(Awaitable<?> awaitable, Awaitable.Signaller waiter) {
        void recheck(SingleThreadContext context) {
            if (waiter.deadlock == null && !awaitable.isCompleted()) {
                DeadlockException d = Deadlocks.find(awaitable, context);
                if (d != null) {
                    waiter.deadlock = d;
                    LockSupport.unpark(waiter.thread);
                }
            }
        }
    }

    /** The loop's thread: carries the context and trampoline in fields. */
    static final class LoopThread extends AsyncThread {
        final SingleThreadContext context;

        LoopThread(SingleThreadContext context, String name) {
            super(name);
            this.context = context;
            setDaemon(true);
        }

        @Override
        public void run() {
            context.loop();
        }

        @Override
        public AsyncContext asyncContext() {
            return context;
        }
    }

    // VarHandle mechanics
    private static final VarHandle STATE;
    private static final VarHandle REMOTE_POSTS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATE = l.findVarHandle(SingleThreadContext.class, "state", int.class);
            REMOTE_POSTS = l.findVarHandle(SingleThreadContext.class, "remotePosts", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
