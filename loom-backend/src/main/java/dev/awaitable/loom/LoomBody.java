package dev.awaitable.loom;

import dev.awaitable.AsyncBody;
import dev.awaitable.AsyncContext;
import dev.awaitable.Awaitable;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/**
 * A direct-style body ({@code Async.run}) and its awaitable: the task of one virtual thread. It
 * completes as the body returns or throws: a {@link CancellationException} cancels it, any other
 * throwable faults it.
 *
 * <p>For deadlock detection it reports, while parked in an await, what it waits for
 * ({@link #forEachDependency}) and the context it must resume on ({@link #resumesOn}): null after
 * {@code configureAwait(false)}, and always null without context affinity, where a body never needs
 * a context's thread. Both fields are written by the body's thread before it registers its
 * continuation and cleared after it resumes; a deadlock check reading a stale value at the edge
 * of a resumption is benign: it rechecks whenever work is posted to the blocked loop.
 *
 * @param <T> the result type
 */
final class LoomBody<T> extends Awaitable<T> implements Runnable {
    private final AsyncBody<T> body;
    /** The context the body was started on, entered on its thread; null for none. */
    private final AsyncContext home;

    final Strand strand;
    private volatile AsyncContext resumesOn;
    private volatile Awaitable<?> awaiting;

    LoomBody(AsyncBody<T> body, AsyncContext home, boolean scheduled) {
        this.body = body;
        this.home = home;
        this.strand = new Strand(this, scheduled);
        strand.target = home;
    }

    /** The virtual thread's task. */
    @Override
    public void run() {
        Strand s = strand;
        if (home != null) {
            AsyncContext.enter(home); // never closed: the thread ends with the body
        }
        if (!s.scheduled) {
            Strand.Unscheduled.bind(s);
        }
        try {
            T value = body.run();
            if (!s.everSuspended) {
                LoomAwait.STATS.synchronousCompletion();
            }
            trySetResult(value);
        } catch (CancellationException e) {
            trySetCancelled(e);
        } catch (Throwable t) {
            trySetException(t);
        } finally {
            s.endEager();
        }
    }

    void suspended(Awaitable<?> dependency, AsyncContext mustResumeOn) {
        awaiting = dependency;
        resumesOn = mustResumeOn;
    }

    void resumed() {
        awaiting = null;
        resumesOn = null;
    }

    @Override
    protected AsyncContext resumesOn() {
        return resumesOn;
    }

    @Override
    protected void forEachDependency(Consumer<? super Awaitable<?>> sink) {
        Awaitable<?> a = awaiting;
        if (a != null) {
            sink.accept(a);
        }
    }

    /** The body's own toString if it has one (a named body), else where its lambda was written. */
    @Override
    protected String describe() {
        Class<?> c = body.getClass();
        String what = c.isHidden() || c.isSynthetic()
                ? "lambda in " + c.getName().replaceFirst("\\$\\$Lambda.*$", "")
                : String.valueOf(body);
        return "async body #" + strand.id + " (" + what + ")";
    }
}
