package dev.awaitable.examples;

import static dev.awaitable.Async.await;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.Awaitables;
import dev.awaitable.CancellationToken;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.ProgressReporter;
import dev.awaitable.channels.Channel;
import dev.awaitable.channels.ChannelReader;
import dev.awaitable.channels.ChannelWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * A dashboard that polls 20 services, written once in direct style; it runs on the loom backend
 * as it is, and on the statemachine backend once the build has woven it (the {@code weave} goal
 * of {@code awaitable-maven-plugin}, or the weaver's java agent).
 *
 * <ul>
 *   <li>fan-out to 20 services, each call under a timeout and retried once after a back-off (a loop
 *       with two awaits), each attempt on a linked cancellation token that is cancelled when the
 *       attempt is given up (try-with-resources);
 *   <li>whenAll over the fan-out, whenAny over two mirrors (the loser is cancelled);
 *   <li>a bounded channel between a producer and a consumer that stores each reading, flushing the
 *       store in a finally block that awaits;
 *   <li>progress posted to a single-thread context, as to a UI thread.
 * </ul>
 */
public final class ServiceDashboard {

    static final int SERVICES = 20;
    static final Duration TIMEOUT = Duration.ofMillis(300);
    static final Duration BACKOFF = Duration.ofMillis(5);

    private final List<SimulatedService> services;
    private final Store store;
    private final List<String> cancelled;

    ServiceDashboard(List<SimulatedService> services, Store store, List<String> cancelled) {
        this.services = services;
        this.store = store;
        this.cancelled = cancelled;
    }

    /** The dashboard's result: the title from the faster mirror, every reading, how many were stored. */
    public record Result(String title, List<Reading> readings, int stored) {}

    /** Polls every service, stores what it read, reports progress; completes when all of it is done. */
    public Awaitable<Result> refresh(ProgressReporter<String> progress, CancellationToken token) {
        return Async.run(() -> {
            String title = await(fastestMirror(token));

            List<Awaitable<Reading>> calls = new ArrayList<>();
            for (SimulatedService service : services) {
                calls.add(poll(service, token));
            }
            List<Reading> readings = await(Awaitables.whenAll(calls));

            Channel<Reading> channel = Channel.bounded(4);
            Awaitable<Void> produced = produce(readings, channel.writer());
            Awaitable<Integer> stored = consume(channel.reader(), progress);
            await(produced);
            return new Result(title, readings, await(stored));
        });
    }

    /** One service, under a timeout, retried once: a loop with two awaits. */
    Awaitable<Reading> poll(SimulatedService service, CancellationToken token) {
        return Async.run(() -> {
            for (int attempt = 1; ; attempt++) {
                try (CancellationTokenSource call = CancellationTokenSource.createLinked(token)) {
                    try {
                        int value =
                                await(service.call(attempt, call.token()).withTimeout(TIMEOUT), TimeoutException.class);
                        return Reading.ok(service.name(), value, attempt);
                    } catch (TimeoutException e) {
                        call.cancel(); // the attempt given up on stops
                        if (attempt == 2) {
                            return Reading.timedOut(service.name(), attempt);
                        }
                    } catch (IllegalStateException e) {
                        return Reading.failed(service.name(), e.getMessage(), attempt);
                    }
                }
                await(Awaitables.delay(BACKOFF, token));
            }
        });
    }

    /** Asks two mirrors for the title, keeps the first answer and cancels the other mirror. */
    private Awaitable<String> fastestMirror(CancellationToken token) {
        return Async.run(() -> {
            try (CancellationTokenSource race = CancellationTokenSource.createLinked(token)) {
                Awaitable<String> eu = mirror("mirror-eu", Duration.ofMillis(5), race.token());
                Awaitable<String> us = mirror("mirror-us", Duration.ofSeconds(30), race.token());
                Awaitable<String> first = await(Awaitables.whenAny(eu, us));
                race.cancel();
                return await(first);
            }
        });
    }

    private Awaitable<String> mirror(String name, Duration latency, CancellationToken token) {
        return new SimulatedService(name, 0, List.of(latency), null, cancelled)
                .call(1, token)
                .map(v -> "Dashboard (from " + name + ")");
    }

    /** Writes the readings into the channel in service order, waiting whenever it is full. */
    private static Awaitable<Void> produce(List<Reading> readings, ChannelWriter<Reading> writer) {
        return Async.run(() -> {
            try {
                for (Reading reading : readings) {
                    await(writer.writeAsync(reading));
                }
            } finally {
                writer.complete();
            }
        });
    }

    /** Stores each reading as it arrives and reports it; flushes the store however it ends. */
    private Awaitable<Integer> consume(ChannelReader<Reading> reader, ProgressReporter<String> progress) {
        return Async.run(() -> {
            int stored = 0;
            try {
                while (await(reader.waitToReadAsync())) {
                    Reading reading;
                    while ((reading = reader.tryRead()) != null) {
                        await(store.save(reading));
                        stored++;
                        progress.report(stored + "/" + SERVICES + " " + reading.service() + " " + reading.status());
                    }
                }
            } finally {
                await(store.flush());
            }
            return stored;
        });
    }
}
