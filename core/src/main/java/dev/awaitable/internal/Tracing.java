package dev.awaitable.internal;

import dev.awaitable.AsyncContext;
import dev.awaitable.jfr.ResumeEvent;
import dev.awaitable.jfr.SuspendEvent;
import java.util.concurrent.atomic.AtomicLong;
import jdk.jfr.EventType;

/**
 * Emits the per-await JFR events the same way for every backend. Each method is cheap when the
 * event is off: with no recording running, one volatile read; with one running (the comparison
 * matrix records every cell, statistics only by default), one read of the event type's enabled
 * flag through a cached {@link EventType}. No event object is made and no identity hash is
 * computed unless the event is on: a recording of statistics alone must not tax every await
 * (escape analysis did not remove the event objects at every call site: they showed up among
 * the top allocations of a recorded await chain). Callers keep the timestamps only when
 * {@link #resumeEnabled()} said so.
 */
public final class Tracing {
    private static final AtomicLong BODY_IDS = new AtomicLong();

    /**
     * Whether any JFR recording is running, kept by a recorder listener. With none (the usual
     * case) every check below is one volatile read; with one, the event's own isEnabled decides.
     * Racy, but benign: a suspension racing a recording's start or stop may miss or add one
     * event at the edge of the recording.
     */
    private static volatile boolean recording;

    static {
        try {
            jdk.jfr.FlightRecorder.addListener(new jdk.jfr.FlightRecorderListener() {
                @Override
                public void recordingStateChanged(jdk.jfr.Recording changed) {
                    refresh();
                }

                @Override
                public void recorderInitialized(jdk.jfr.FlightRecorder recorder) {
                    refresh();
                }
            });
            refresh();
        } catch (RuntimeException | LinkageError e) {
            recording = true; // no listener: always ask the events themselves
        }
    }

    private Tracing() {}

    private static void refresh() {
        boolean any = false;
        if (jdk.jfr.FlightRecorder.isInitialized()) {
            for (jdk.jfr.Recording r :
                    jdk.jfr.FlightRecorder.getFlightRecorder().getRecordings()) {
                if (r.getState() == jdk.jfr.RecordingState.RUNNING || r.getState() == jdk.jfr.RecordingState.DELAYED) {
                    any = true;
                    break;
                }
            }
        }
        recording = any;
    }

    /**
     * Whether any recording runs: when false, every event below is off. One volatile read, for
     * a hot path that checks it once and skips all the event calls.
     */
    public static boolean recording() {
        return recording;
    }

    public static long nextBodyId() {
        return BODY_IDS.incrementAndGet();
    }

    /**
     * The event types, for their enabled flags (null if JFR would not say: then ask an event).
     * A holder, initialized on first use, which is always during a recording: looking an event
     * type up initializes JFR's metadata (about 140 ms here), which a program that never records
     * must not pay at its first await.
     */
    private static final class Types {
        static final EventType SUSPEND = eventType(SuspendEvent.class);
        static final EventType RESUME = eventType(ResumeEvent.class);

        private static EventType eventType(Class<? extends jdk.jfr.Event> type) {
            try {
                return EventType.getEventType(type);
            } catch (RuntimeException | LinkageError e) {
                return null;
            }
        }
    }

    /** True if a recording runs with the suspend event on. */
    public static boolean suspendEnabled() {
        return recording && (Types.SUSPEND != null ? Types.SUSPEND.isEnabled() : new SuspendEvent().isEnabled());
    }

    /** True if a recording runs with the resume event on. */
    public static boolean resumeEnabled() {
        return recording && (Types.RESUME != null ? Types.RESUME.isEnabled() : new ResumeEvent().isEnabled());
    }

    public static void suspended(String backend, long bodyId, Object awaited, AsyncContext context) {
        if (suspendEnabled()) {
            emitSuspended(backend, bodyId, awaited, context);
        }
    }

    /**
     * Like {@link #suspended(String, long, Object, AsyncContext)}, with the body identified by
     * {@code body}'s identity hash, computed only while the event is on (it is not free).
     */
    public static void suspended(String backend, Object body, Object awaited, AsyncContext context) {
        if (suspendEnabled()) {
            emitSuspended(backend, System.identityHashCode(body), awaited, context);
        }
    }

    private static void emitSuspended(String backend, long bodyId, Object awaited, AsyncContext context) {
        SuspendEvent e = new SuspendEvent();
        e.backend = backend;
        e.bodyId = bodyId;
        e.awaited = awaited == null ? null : awaited.getClass().getName();
        e.context = context == null ? null : context.name();
        e.commit(); // a no-op if the event was switched off since the check
    }

    /**
     * Records a Resume event, if it is enabled: how long the body waited, and for what after the signal.
     *
     * @param suspendedAt {@code System.nanoTime()} at suspension
     * @param signalledAt {@code System.nanoTime()} when the awaited completion signalled the body
     */
    public static void resumed(String backend, long bodyId, long suspendedAt, long signalledAt, AsyncContext context) {
        if (!resumeEnabled()) {
            return;
        }
        long now = System.nanoTime();
        ResumeEvent e = new ResumeEvent();
        e.backend = backend;
        e.bodyId = bodyId;
        e.suspendedFor = suspendedAt == 0 ? 0 : now - suspendedAt;
        e.resumeLatency = signalledAt == 0 ? 0 : now - signalledAt;
        e.context = context == null ? null : context.name();
        e.commit(); // a no-op if the event was switched off since the check
    }
}
