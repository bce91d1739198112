package dev.awaitable.weaver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.weaver.harness.ClassFiles;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bodies generated and compiled at test time: a moveNext too large for HotSpot, class-file versions. */
class GeneratedProgramTest {

    private static String program(int awaits) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < awaits; i++) {
            body.append("            total += Async.await(a) * ").append(i).append(" + text.length();\n");
            body.append("            text = text + Async.await(a);\n");
        }
        return """
                package gen;

                import dev.awaitable.Async;
                import dev.awaitable.Awaitable;

                public final class Big {
                    public static Awaitable<Long> run(Awaitable<Integer> a) {
                        return Async.run(() -> {
                            long total = 0;
                            String text = "";
                %s            return total;
                        });
                    }
                }
                """.formatted(body);
    }

    /** Over the limit: one warning, naming the machine, at the body's first line; the class is still woven. */
    @Test
    void warnsWhenMoveNextIsHuge() {
        WeaveResult result = new Weaver(ClassFiles::lookup).weave(InMemoryJavac.compile("gen.Big", program(150)));
        assertThat(result.ok()).isTrue();
        assertThat(result.classes()).containsKey("gen/Big$run$Async0");
        assertThat(result.warnings()).singleElement().satisfies(w -> {
            assertThat(w.toString()).startsWith("Big.java:9: ");
            assertThat(w.message()).contains("gen.Big$run$Async0.moveNext", "8000");
        });
    }

    /** The machine takes its host's class-file version: javac 25's output for --release 21 and for --release 25. */
    @Test
    void machinesKeepTheHostsClassFileVersion() {
        for (int release : new int[] {21, 25}) {
            WeaveResult result =
                    new Weaver(ClassFiles::lookup).weave(InMemoryJavac.compile("gen.Big", program(2), release));
            int major = 44 + release;
            assertThat(majorOf(result.classes().get("gen/Big"))).isEqualTo(major);
            assertThat(majorOf(result.classes().get("gen/Big$run$Async0"))).isEqualTo(major);
        }
    }

    private static int majorOf(byte[] classFile) {
        return ((classFile[6] & 0xff) << 8) | (classFile[7] & 0xff);
    }

    /** Under the limit: no warning. */
    @Test
    void noWarningForAnOrdinaryBody() {
        Map<String, byte[]> classes = InMemoryJavac.compile("gen.Big", program(3));
        WeaveResult result = new Weaver(ClassFiles::lookup).weave(classes);
        assertThat(result.ok()).isTrue();
        assertThat(result.warnings()).isEmpty();
    }
}
