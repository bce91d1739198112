package dev.awaitable.reliability.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Async;
import dev.awaitable.weaver.WeaveResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The woven leg is live: a deliberately broken weaving (every int subtraction turned into an
 * addition) run on loom, where woven classes must behave as unwoven ones, disagrees with the
 * reference on the first large program that subtracts observably, and the shrinker reduces it to
 * a handful of nodes that still subtract. Until the weaver transforms bodies, this is what shows
 * that the woven leg compares what the woven classes do, not what the unwoven ones do.
 */
class BrokenWeavingTest {

    private static final int LARGE = 50;

    @AfterAll
    static void restore() {
        Async.useBackend("statemachine");
    }

    /** Every {@code isub} of every method becomes an {@code iadd}: same stack shape, wrong value. */
    static WeaveResult subtractionBecomesAddition(Map<String, byte[]> classes) {
        Map<String, byte[]> out = new HashMap<>();
        classes.forEach((name, bytes) -> {
            ClassReader reader = new ClassReader(bytes);
            ClassWriter writer = new ClassWriter(reader, 0);
            reader.accept(
                    new ClassVisitor(Opcodes.ASM9, writer) {
                        @Override
                        public MethodVisitor visitMethod(
                                int access, String method, String descriptor, String signature, String[] exceptions) {
                            MethodVisitor mv = super.visitMethod(access, method, descriptor, signature, exceptions);
                            return new MethodVisitor(Opcodes.ASM9, mv) {
                                @Override
                                public void visitInsn(int opcode) {
                                    super.visitInsn(opcode == Opcodes.ISUB ? Opcodes.IADD : opcode);
                                }
                            };
                        }
                    },
                    0);
            out.put(name, writer.toByteArray());
        });
        return new WeaveResult(out, List.of(), List.of());
    }

    @Test
    void theWovenLegCatchesABrokenWeavingAndShrinksIt() {
        try (WeaveDifferential differential =
                new WeaveDifferential(Interpreter::new, "loom", BrokenWeavingTest::subtractionBecomesAddition)) {
            WeaveDifferential.Case diverging = null;
            for (int from = 0; diverging == null && from < 200; from += 20) {
                List<Program> programs = new ArrayList<>();
                for (int i = from; i < from + 20; i++) {
                    programs.add(WeaveDifferential.program(29, i));
                }
                for (WeaveDifferential.Case c : WeaveDifferential.compile(programs, 21, i -> Schedule.of(5), true)) {
                    if (ProgramShrinker.size(c.program()) >= LARGE
                            && !WeaveDifferential.agree(differential.observe(c))) {
                        diverging = c;
                        break;
                    }
                }
            }
            assertThat(diverging)
                    .as("a program on which the broken weaving shows")
                    .isNotNull();
            WeaveDifferential.Case original = diverging;
            Program minimal = ProgramShrinker.shrink(
                    original.program(), batch -> differential.firstDiverging(batch, original.schedule(), 21));
            String source = JavaPrinter.print(minimal);
            System.out.println("broken weaving caught; shrunk from " + ProgramShrinker.size(original.program()) + " to "
                    + ProgramShrinker.size(minimal) + " nodes:\n" + source);
            assertThat(differential.firstDiverging(List.of(minimal), original.schedule(), 21))
                    .isZero();
            assertThat(source).containsPattern(" -=? ");
            assertThat(ProgramShrinker.size(minimal)).isLessThanOrEqualTo(12);
        }
    }
}
