package dev.awaitable.reliability.race;

import dev.awaitable.Awaitable;
import dev.awaitable.reliability.Tally;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A race run many times, jcstress style, with every outcome described.
 *
 * <p>Why not jcstress: jcstress-core needs jcstress-result-gen, which is not on Maven Central, and
 * runs its own forked harness rather than under Surefire. Lincheck (3.x) model-checks the same
 * structures in package {@code lincheck}, but its model checker assumes sequential consistency
 * and its stress mode runs random scenarios; a race here is one named race, on real threads,
 * with its start delays swept, thousands of times. This harness does what we need of jcstress
 * under plain JUnit: a fresh state per iteration, actors released together, an
 * arbiter that reads the outcome after all actors returned, and a table that describes every
 * outcome as acceptable, interesting (acceptable, but worth seeing in the report) or forbidden.
 * An outcome missing from the table fails the race like a forbidden one.
 *
 * <p>How actors are released: actor 0 runs on the test thread, the others on platform threads
 * kept for the whole run. Per iteration the test thread publishes the state and bumps a volatile
 * epoch; every actor then meets the others at a spin barrier (the start line), spins a random
 * few iterations more (so both orders and the overlap between them all get exercised), runs,
 * and reports done. Spinning falls back to {@link Thread#yield()} so three actors on two cores
 * still make progress.
 *
 * @param <S> the state one iteration races on
 */
public final class Race<S> {

    /** How an outcome is judged. */
    public enum Expect {
        ACCEPTABLE,
        INTERESTING,
        FORBIDDEN
    }

    private record Described(Expect expect, String description) {}

    private final String name;
    private final Supplier<S> setup;
    private final List<Consumer<S>> actors = new ArrayList<>();
    private final Map<String, Described> outcomes = new LinkedHashMap<>();
    private Function<S, String> arbiter;
    private int maxJitter = 2048;

    private Race(String name, Supplier<S> setup) {
        this.name = name;
        this.setup = setup;
    }

    /**
     * What an actor that joins {@code a} saw: its value, or "timeout" if it was not complete after
     * 10 s (a lost wake-up shows as an outcome instead of a hung race).
     */
    public static Object joinedOrTimeout(Awaitable<?> a) {
        try {
            return a.join(Duration.ofSeconds(10));
        } catch (TimeoutException e) {
            return "timeout";
        }
    }

    /** A race over a fresh {@code setup()} state per iteration. */
    public static <S> Race<S> of(String name, Supplier<S> setup) {
        return new Race<>(name, setup);
    }

    /** Adds an actor; actors run concurrently, one per thread. */
    public Race<S> actor(Consumer<S> actor) {
        actors.add(Objects.requireNonNull(actor));
        return this;
    }

    /** Reads the outcome of an iteration once every actor has returned (it may wait, boundedly, for effects). */
    public Race<S> arbiter(Function<S, String> outcome) {
        this.arbiter = outcome;
        return this;
    }

    public Race<S> acceptable(String outcome, String description) {
        return expect(outcome, Expect.ACCEPTABLE, description);
    }

    /** Acceptable, but notable: the report shows how often it happened. */
    public Race<S> interesting(String outcome, String description) {
        return expect(outcome, Expect.INTERESTING, description);
    }

    public Race<S> forbidden(String outcome, String description) {
        return expect(outcome, Expect.FORBIDDEN, description);
    }

    private Race<S> expect(String outcome, Expect expect, String description) {
        if (outcomes.putIfAbsent(outcome, new Described(expect, description)) != null) {
            throw new IllegalArgumentException("outcome described twice: " + outcome);
        }
        return this;
    }

    /**
     * The most spin-loop iterations an actor waits after the start line (default 2048); 0
     * releases them bare. Iterations sweep the bound through 0, 1/128, 1/32, 1/8, 1/2 and all of
     * it, so whichever scale makes the two sides overlap on this machine gets its share.
     */
    public Race<S> jitter(int maxSpins) {
        this.maxJitter = maxSpins;
        return this;
    }

    /**
     * Runs {@code iterations} races and fails on any forbidden or undescribed outcome (after the
     * whole run, with the histogram). Returns the histogram: outcome to count.
     */
    public Map<String, Long> run(int iterations) {
        if (actors.size() < 2 || arbiter == null) {
            throw new IllegalStateException("a race needs two or more actors and an arbiter");
        }
        Map<String, Long> histogram = new LinkedHashMap<>();
        Map<String, String> firstSeenAt = new LinkedHashMap<>();
        Harness<S> h = new Harness<>(actors, maxJitter);
        try {
            for (int i = 0; i < iterations; i++) {
                S state = setup.get();
                String outcome;
                Throwable failure = h.runOnce(i + 1, state);
                if (failure != null) {
                    outcome = "actor threw " + failure;
                } else {
                    try {
                        outcome = arbiter.apply(state);
                    } catch (Throwable t) {
                        outcome = "arbiter threw " + t;
                    }
                }
                histogram.merge(outcome, 1L, Long::sum);
                firstSeenAt.putIfAbsent(outcome, "iteration " + (i + 1));
            }
        } finally {
            h.stop();
        }
        Tally.RACES.addAndGet(iterations);
        Tally.RACE_KINDS.incrementAndGet();
        String report = report(iterations, histogram, firstSeenAt);
        System.out.println(report);
        for (String outcome : histogram.keySet()) {
            Described d = outcomes.get(outcome);
            if (d == null || d.expect == Expect.FORBIDDEN) {
                throw new AssertionError("race '" + name + "' produced a " + (d == null ? "undescribed" : "forbidden")
                        + " outcome: " + outcome + "\n" + report);
            }
        }
        return histogram;
    }

    private String report(int iterations, Map<String, Long> histogram, Map<String, String> firstSeenAt) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("race: %s (%,d iterations, %d actors)%n", name, iterations, actors.size()));
        for (Map.Entry<String, Described> e : outcomes.entrySet()) {
            long n = histogram.getOrDefault(e.getKey(), 0L);
            sb.append(String.format(
                    "  %-11s %,10d  %-44s %s%n", e.getValue().expect, n, e.getKey(), e.getValue().description));
        }
        for (Map.Entry<String, Long> e : histogram.entrySet()) {
            if (!outcomes.containsKey(e.getKey())) {
                sb.append(String.format(
                        "  %-11s %,10d  %s (first at %s)%n",
                        "UNKNOWN", e.getValue(), e.getKey(), firstSeenAt.get(e.getKey())));
            }
        }
        return sb.toString();
    }

    /** The actor threads and the release protocol. */
    private static final class Harness<S> {
        private final List<Consumer<S>> actors;
        private final int maxJitter;
        private final List<Thread> threads = new ArrayList<>();
        /** Actors that reached the start line of the current iteration. */
        private final AtomicInteger started = new AtomicInteger();

        private final AtomicInteger done = new AtomicInteger();
        private volatile int epoch;
        private volatile S state;
        private volatile boolean stopped;
        private volatile Throwable failure;

        /**
         * Spins at the start line before yielding: long enough (about a millisecond) when every
         * actor has a core that none of them yields while its peers are on their way, which would
         * desynchronize the start; short enough that a spinning actor does not burn a whole time
         * slice when another process holds the peer's core.
         */
        private final int spinLimit;

        Harness(List<Consumer<S>> actors, int maxJitter) {
            this.actors = actors;
            this.maxJitter = maxJitter;
            this.spinLimit = actors.size() <= Runtime.getRuntime().availableProcessors() ? 1 << 16 : 1_000;
            for (int a = 1; a < actors.size(); a++) {
                int index = a;
                Thread t = new Thread(() -> loop(index), "race-actor-" + a);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }

        /** Runs one iteration; returns the first actor failure, or null. */
        Throwable runOnce(int iteration, S s) {
            failure = null;
            done.set(0);
            started.set(0);
            state = s;
            epoch = iteration;
            startLine();
            act(0, s, iteration);
            long spins = 0;
            long deadline = 0L;
            while (done.get() < actors.size() - 1) {
                if (++spins > 2_000) {
                    backOff(spins);
                    if (deadline == 0L) {
                        deadline = System.nanoTime() + 30_000_000_000L;
                    } else if (System.nanoTime() > deadline) {
                        throw new AssertionError(
                                "an actor did not return within 30 s (hung in iteration " + iteration + ")");
                    }
                } else {
                    Thread.onSpinWait();
                }
            }
            return failure;
        }

        /**
         * Waiting for another thread that is taking long: yield for a while, then park in short
         * naps, so an actor blocked in a lock or a join (or a timer thread) gets a core; on two
         * cores a spinning waiter would otherwise starve it for a whole scheduler slice.
         */
        private static void backOff(long spins) {
            if (spins < 100_000) {
                Thread.yield();
            } else {
                java.util.concurrent.locks.LockSupport.parkNanos(20_000);
            }
        }

        /** A spin barrier: every actor leaves it at about the same moment. */
        private void startLine() {
            started.incrementAndGet();
            int spins = 0;
            while (started.get() < actors.size()) {
                if (++spins > spinLimit) {
                    Thread.yield();
                } else {
                    Thread.onSpinWait();
                }
            }
        }

        private void loop(int index) {
            int seen = 0;
            while (!stopped) {
                long spins = 0;
                while (epoch == seen) {
                    if (stopped) {
                        return;
                    }
                    if (++spins > 20_000) {
                        backOff(spins); // the test thread is setting up or judging, which may block: give it the core
                    } else {
                        Thread.onSpinWait();
                    }
                }
                seen = epoch;
                S s = state;
                startLine();
                act(index, s, seen);
                done.incrementAndGet();
            }
        }

        private static final int[] SWEEP = {0, 128, 32, 8, 2, 1};

        private void act(int index, S s, int iteration) {
            int divisor = SWEEP[iteration % SWEEP.length];
            int bound = divisor == 0 ? 0 : maxJitter / divisor;
            int spins = bound == 0 ? 0 : ThreadLocalRandom.current().nextInt(bound);
            for (int i = 0; i < spins; i++) {
                Thread.onSpinWait();
            }
            try {
                actors.get(index).accept(s);
            } catch (Throwable t) {
                if (failure == null) {
                    failure = t;
                }
            }
        }

        void stop() {
            stopped = true;
            for (Thread t : threads) {
                try {
                    t.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
