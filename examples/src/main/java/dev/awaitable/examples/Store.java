package dev.awaitable.examples;

import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A simulated database: each save and each flush takes a millisecond; it remembers what it did. */
final class Store {

    private final List<String> journal = new CopyOnWriteArrayList<>();

    Awaitable<Void> save(Reading reading) {
        return Awaitables.delay(Duration.ofMillis(1)).whenComplete((v, e) -> journal.add("saved " + reading.service()));
    }

    Awaitable<Void> flush() {
        return Awaitables.delay(Duration.ofMillis(1)).whenComplete((v, e) -> journal.add("flushed"));
    }

    /** What was saved and flushed, in order. */
    List<String> journal() {
        return List.copyOf(journal);
    }
}
