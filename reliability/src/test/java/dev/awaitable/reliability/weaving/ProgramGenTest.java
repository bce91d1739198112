package dev.awaitable.reliability.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The generator reaches what the differential claims to test, and is a function of its seed. */
class ProgramGenTest {

    /**
     * Every construct of {@link Constructs#ALL} appears at least 10 times among the programs of
     * the default differential run (its seed and its count), so a passing differential has run
     * each of them.
     */
    @Test
    void theDefaultBudgetReachesEveryConstruct() {
        List<Program> programs = new ArrayList<>();
        for (int i = 0; i < WeaveDifferentialTest.PROGRAMS; i++) {
            programs.add(WeaveDifferential.program(WeaveDifferentialTest.SEED, i));
        }
        Map<String, Integer> counts = Constructs.count(programs);
        System.out.println(
                "constructs in " + programs.size() + " programs (seed " + WeaveDifferentialTest.SEED + "): " + counts);
        assertThat(counts.keySet()).containsAll(Constructs.ALL);
        for (String construct : Constructs.ALL) {
            assertThat(counts.get(construct)).as(construct).isGreaterThanOrEqualTo(10);
        }
    }

    /** The same seed gives the same program; different seeds give different programs. */
    @Test
    void aProgramIsAFunctionOfItsSeed() {
        for (long seed = 0; seed < 50; seed++) {
            assertThat(JavaPrinter.print(ProgramGen.generate(seed, "P")))
                    .isEqualTo(JavaPrinter.print(ProgramGen.generate(seed, "P")))
                    .isNotEqualTo(JavaPrinter.print(ProgramGen.generate(seed + 1, "P")));
        }
    }

    /** Generated programs pass the shrinker's validity check, so that check rejects only the shrinker's mistakes. */
    @Test
    void generatedProgramsAreValid() {
        for (long seed = 0; seed < 2_000; seed++) {
            Program p = ProgramGen.generate(seed, "P");
            assertThat(Validity.check(p)).as("%s", JavaPrinter.print(p)).isTrue();
        }
    }
}
