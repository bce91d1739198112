package dev.awaitable.scenarios;

import dev.awaitable.Async;
import dev.awaitable.statemachine.StatemachineBackend;
import java.util.Objects;

/**
 * A scenario with one implementation per backend that both report the same kind of facts
 * ({@code F}), judged by one check: the experiment differs only in how the async code is written.
 *
 * @param <F> what an implementation observed, before it is judged
 */
abstract class AbstractScenario<F> implements Scenario {

    static final String STATEMACHINE = StatemachineBackend.NAME;
    static final String LOOM = "loom";

    private final String id;
    private final String title;
    private final String claim;
    private final String seed;
    private final String expected;

    AbstractScenario(String id, String title, String claim, String seed, String expected) {
        this.id = Objects.requireNonNull(id, "id");
        this.title = Objects.requireNonNull(title, "title");
        this.claim = Objects.requireNonNull(claim, "claim");
        this.seed = Objects.requireNonNull(seed, "seed");
        this.expected = Objects.requireNonNull(expected, "expected");
    }

    @Override
    public final String id() {
        return id;
    }

    @Override
    public final String title() {
        return title;
    }

    @Override
    public final String claim() {
        return claim;
    }

    @Override
    public final String seed() {
        return seed;
    }

    @Override
    public final String expected() {
        return expected;
    }

    @Override
    public final Outcome run(String backend) throws Exception {
        Objects.requireNonNull(backend, "backend");
        Async.useBackend(backend); // an unknown name fails here, listing what is on the class path
        F facts = switch (backend) {
            case STATEMACHINE -> onStatemachine();
            case LOOM -> onLoom();
            default ->
                throw new IllegalArgumentException("scenario " + id + " has no implementation for backend '" + backend
                        + "'; it runs on " + STATEMACHINE + ", " + LOOM);
        };
        return judge(facts);
    }

    /** The experiment with hand-written state machines; the statemachine backend is selected. */
    abstract F onStatemachine() throws Exception;

    /** The same experiment in direct style; the loom backend is selected. */
    abstract F onLoom() throws Exception;

    /** The one check both implementations are held to. */
    abstract Outcome judge(F facts);

    @Override
    public String toString() {
        return id;
    }
}
