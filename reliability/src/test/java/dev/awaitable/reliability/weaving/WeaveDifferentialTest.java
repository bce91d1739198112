package dev.awaitable.reliability.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Async;
import dev.awaitable.reliability.Stress;
import dev.awaitable.weaver.WeaveResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The weaver's differential: random direct-style programs ({@link ProgramGen}), compiled with
 * javac at test time, must have the same result or exception and the same side effects in the
 * reference interpreter, unwoven on loom, and woven on statemachine, under a seed-chosen
 * suspension schedule. A divergence fails with the shrunk program's source and every leg's
 * outcome.
 *
 * <p>Scale: {@link #PROGRAMS} programs, times {@code -Dawaitable.stress=N}. The seed is printed;
 * replay it with {@code -Dawaitable.seed=N}, and one program of it (P123) with
 * {@code -Dawaitable.weaving.program=123}.
 */
@Timeout(value = WeaveDifferentialTest.MINUTES, unit = TimeUnit.MINUTES)
class WeaveDifferentialTest {

    /**
     * Above the module's default timeout: compiling takes about a minute per 1,000 programs on a
     * busy 2-core machine (times the stress factor), and shrinking a divergence up to 3 minutes.
     */
    static final long MINUTES = 15;

    static final int PROGRAMS = Stress.scaled(1_000);
    static final long SEED = Long.getLong("awaitable.seed", System.nanoTime());
    /** The one program to run, or -1 for all of them. */
    private static final int ONLY = Integer.getInteger("awaitable.weaving.program", -1);

    /** Divergences after which a run stops and reports. */
    private static final int ENOUGH = 100;

    /** Hung runs after which a run stops and reports. */
    private static final int ENOUGH_HUNG = 3;

    private static List<WeaveDifferential.Case> corpus;

    @BeforeAll
    @Timeout(value = MINUTES, unit = TimeUnit.MINUTES)
    static void compilePrograms() {
        long start = System.nanoTime();
        corpus = ONLY < 0
                ? WeaveDifferential.compile(SEED, PROGRAMS)
                : List.of(WeaveDifferential.compileOne(SEED, ONLY));
        System.out.printf(
                "weaving differential: %d programs compiled in %d ms, seed %d (replay with -Dawaitable.seed=%d)%n",
                corpus.size(), (System.nanoTime() - start) / 1_000_000, SEED, SEED);
    }

    @AfterAll
    static void restore() {
        Async.useBackend("statemachine");
    }

    /**
     * The harness's own proof: the generator, the printer and the reference interpreter agree
     * with real Java, run unwoven on loom, for every program. If this fails, the harness is wrong,
     * not the weaver.
     */
    @Test
    void referenceAgreesWithLoom() {
        check(null);
    }

    /** The weaver's proof: the woven program on statemachine agrees with the reference and with loom. */
    @Test
    void wovenOnStatemachineAgrees() {
        check("statemachine");
    }

    /** Woven classes still run on loom, where the original lambda runs unchanged, with the same results. */
    @Test
    void wovenOnLoomAgrees() {
        check("loom");
    }

    /** Weaving woven classes again changes nothing (an incremental build weaves twice). */
    @Test
    void weavingTwiceIsWeavingOnce() {
        for (WeaveDifferential.Case c : corpus) {
            WeaveResult once = WeaveDifferential.weave(c.classes());
            assertThat(once.errors()).as(c.program().className()).isEmpty();
            WeaveResult twice = WeaveDifferential.weave(once.classes());
            assertThat(twice.classes().keySet())
                    .as(c.program().className())
                    .isEqualTo(once.classes().keySet());
            for (Map.Entry<String, byte[]> e : once.classes().entrySet()) {
                assertThat(twice.classes().get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue());
            }
        }
    }

    /** "returned", or "threw" and the exception's class: how a run ended, without its values. */
    private static String ending(String outcome) {
        int colon = outcome.indexOf(':');
        return outcome.startsWith("threw ") && colon > 0 ? outcome.substring(0, colon) : outcome.split(" ", 2)[0];
    }

    private static void check(String wovenBackend) {
        long start = System.nanoTime();
        List<WeaveDifferential.Case> diverging = new ArrayList<>();
        int run = 0;
        int hung = 0;
        Map<String, Integer> endings = new TreeMap<>();
        try (WeaveDifferential differential = new WeaveDifferential(Interpreter::new, wovenBackend)) {
            for (WeaveDifferential.Case c : corpus) {
                if (diverging.size() == ENOUGH || hung == ENOUGH_HUNG) {
                    break; // a broken leg may hang on every program, for WAIT each
                }
                run++;
                List<Observed> legs = differential.observe(c);
                endings.merge(ending(legs.get(0).outcome()), 1, Integer::sum);
                if (!WeaveDifferential.agree(legs)) {
                    diverging.add(c);
                    hung += legs.stream().anyMatch(o -> o.outcome().startsWith("hung")) ? 1 : 0;
                }
            }
            System.out.printf(
                    "weaving differential (%s): %d programs run, %d diverge, %d ms; the reference %s%n",
                    wovenBackend == null ? "reference, loom" : "reference, loom, woven on " + wovenBackend,
                    run,
                    diverging.size(),
                    (System.nanoTime() - start) / 1_000_000,
                    endings);
            if (!diverging.isEmpty()) {
                WeaveDifferential.Case smallest = diverging.get(0);
                for (WeaveDifferential.Case c : diverging) {
                    if (ProgramShrinker.size(c.program()) < ProgramShrinker.size(smallest.program())) {
                        smallest = c;
                    }
                }
                throw new AssertionError(diverging.size() + " of " + run + " programs run diverge (seed " + SEED + "); "
                        + differential.shrinkAndReport(smallest));
            }
        }
        assertThat(run).isEqualTo(ONLY < 0 ? PROGRAMS : 1);
    }
}
