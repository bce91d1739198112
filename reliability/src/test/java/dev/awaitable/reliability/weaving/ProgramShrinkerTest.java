package dev.awaitable.reliability.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Async;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The shrinker reduces a planted divergence to a small program: a reference interpreter with
 * one wrong rule (int subtraction with its operands swapped) disagrees with loom on the first
 * large generated program that subtracts observably, and the shrunk program must be a handful of
 * nodes that still disagree and still subtract ({@code a - b} or {@code a -= b}).
 */
class ProgramShrinkerTest {

    /** The size from which a diverging program is a real task for the shrinker. */
    private static final int LARGE = 50;

    /** The planted bug. */
    static final class SwappedSubtraction extends Interpreter {
        @Override
        Object arithmetic(Program.ValueType t, Program.Op op, Object l, Object r) {
            return t == Program.ValueType.INT && op == Program.Op.SUB
                    ? super.arithmetic(t, op, r, l)
                    : super.arithmetic(t, op, l, r);
        }
    }

    @AfterAll
    static void restore() {
        Async.useBackend("statemachine");
    }

    @Test
    void shrinksAPlantedDivergenceToAFewNodes() {
        try (WeaveDifferential differential = new WeaveDifferential(SwappedSubtraction::new, null)) {
            WeaveDifferential.Case diverging = null;
            for (int from = 0; diverging == null && from < 200; from += 20) {
                List<Program> programs = new ArrayList<>();
                for (int i = from; i < from + 20; i++) {
                    programs.add(WeaveDifferential.program(17, i));
                }
                for (WeaveDifferential.Case c : WeaveDifferential.compile(programs, 21, i -> Schedule.of(3), true)) {
                    if (ProgramShrinker.size(c.program()) >= LARGE
                            && !WeaveDifferential.agree(differential.observe(c))) {
                        diverging = c;
                        break;
                    }
                }
            }
            assertThat(diverging).as("a program on which the planted bug shows").isNotNull();
            WeaveDifferential.Case original = diverging;
            Program minimal = ProgramShrinker.shrink(
                    original.program(), batch -> differential.firstDiverging(batch, original.schedule(), 21));
            String source = JavaPrinter.print(minimal);
            System.out.println("planted divergence shrunk from " + ProgramShrinker.size(original.program()) + " to "
                    + ProgramShrinker.size(minimal) + " nodes:\n" + source);
            assertThat(differential.firstDiverging(List.of(minimal), original.schedule(), 21))
                    .isZero();
            assertThat(source).containsPattern(" -=? ");
            assertThat(ProgramShrinker.size(minimal)).isLessThanOrEqualTo(12);
            assertThat(ProgramShrinker.size(minimal)).isLessThan(ProgramShrinker.size(original.program()) / 3);
        }
    }
}
