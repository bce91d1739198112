/**
 * The Awaitable API: {@link dev.awaitable.Awaitable} and everything that composes, cancels,
 * schedules and streams it, independent of how async bodies run.
 *
 * <p>Backends plug in through {@link dev.awaitable.spi.AsyncBackend} ({@link java.util.ServiceLoader});
 * the machinery they share lives in {@code dev.awaitable.internal}, exported to them alone.
 */
@SuppressWarnings("module") // the backends' modules are compiled after this one: javac cannot see them yet
module dev.awaitable {
    requires transitive jdk.jfr; // the events in dev.awaitable.jfr extend jdk.jfr.Event
    requires org.slf4j;

    exports dev.awaitable;
    exports dev.awaitable.channels;
    exports dev.awaitable.streams;
    exports dev.awaitable.spi;
    exports dev.awaitable.jfr;
    exports dev.awaitable.internal to
            dev.awaitable.statemachine,
            dev.awaitable.loom;

    uses dev.awaitable.spi.AsyncBackend;
}
