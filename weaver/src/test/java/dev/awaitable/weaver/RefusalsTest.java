package dev.awaitable.weaver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.weaver.harness.ClassFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What the weaver refuses is an error at the source line, {@code File.java:LINE: error: ...},
 * and nothing is woven: the fixtures in {@code dev.awaitable.weaver.refused} mark each refused
 * line with a {@code // refused: kind} comment.
 */
class RefusalsTest {

    private static final Path SOURCES = Path.of("src/test/java/dev/awaitable/weaver/refused");

    /** An await holding a monitor: in a synchronized block, in a synchronized method referenced as a body. */
    @Test
    void awaitInsideSynchronized() throws IOException {
        assertRefused("AwaitInSynchronized", "inside synchronized", "in a synchronized method");
    }

    /** An await in a helper method, and in a lambda that is not an async body. */
    @Test
    void awaitOutsideABody() throws IOException {
        assertRefused(
                "AwaitInHelper",
                "which is not an async body",
                "a lambda in dev.awaitable.weaver.refused.AwaitInHelper.forEachLambda that is not an async body",
                "not of classes that implement AsyncBody");
        WeaveResult result = weave("AwaitInHelper");
        assertThat(result.errors().get(0).message()).contains("Async.await(Async.run(() -> helper(...)))");
    }

    /** An await in a constructor, a field initializer or a static initializer. */
    @Test
    void awaitInConstructorOrInitializer() throws IOException {
        assertRefused("AwaitInConstructor", "constructor or initializer");
    }

    private static WeaveResult weave(String simpleName) {
        Map<String, byte[]> classes = new java.util.TreeMap<>();
        ClassFiles.ofPackage("dev.awaitable.weaver.refused").forEach((k, v) -> {
            if (k.endsWith("/" + simpleName) || k.contains("/" + simpleName + "$")) {
                classes.put(k, v);
            }
        });
        return new Weaver(ClassFiles::lookup).weave(classes);
    }

    private static void assertRefused(String simpleName, String... reasons) throws IOException {
        WeaveResult result = weave(simpleName);
        List<String> expected = new ArrayList<>();
        List<String> lines = Files.readAllLines(SOURCES.resolve(simpleName + ".java"));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("// refused:")) {
                expected.add(simpleName + ".java:" + (i + 1) + ": error: ");
            }
        }
        assertThat(expected).isNotEmpty();
        assertThat(result.ok()).isFalse();
        List<String> reported = result.errors().stream()
                .map(WeaveDiagnostic::toString)
                .map(d -> d.substring(0, d.indexOf(": error: ") + ": error: ".length()))
                .toList();
        assertThat(reported).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(result.errors()).allSatisfy(e -> assertThat(e.message()).containsAnyOf(reasons));
        assertThat(result.classes().keySet()).as("nothing generated").allMatch(k -> !k.contains("$Async"));
    }
}
