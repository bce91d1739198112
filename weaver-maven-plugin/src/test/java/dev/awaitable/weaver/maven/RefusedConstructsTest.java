package dev.awaitable.weaver.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.weaver.Weaver;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each construct the weaver refuses, woven by the real weaver as the weave goal does it: the build
 * must fail with a javac-style error at the line of the offending await, and write nothing.
 */
class RefusedConstructsTest {

    @TempDir
    Path dir;

    /** An await inside {@code synchronized}: the monitor would be released across the suspension. */
    @Test
    void awaitInsideSynchronized() throws IOException {
        assertRefused("Locked.java", """
                package fixture;

                import dev.awaitable.Async;
                import dev.awaitable.Awaitable;

                final class Locked {
                    private final Object lock = new Object();

                    Awaitable<Integer> next(Awaitable<Integer> x) {
                        return Async.run(() -> {
                            synchronized (lock) {
                                return Async.await(x) + 1; // refused
                            }
                        });
                    }
                }
                """);
    }

    /** An await in a plain helper called from a body: it cannot suspend without a stack. */
    @Test
    void awaitInAPlainMethod() throws IOException {
        assertRefused("Helper.java", """
                package fixture;

                import dev.awaitable.Async;
                import dev.awaitable.Awaitable;

                final class Helper {
                    static int plusOne(Awaitable<Integer> x) {
                        return Async.await(x) + 1; // refused
                    }

                    static Awaitable<Integer> next(Awaitable<Integer> x) {
                        return Async.run(() -> plusOne(x));
                    }
                }
                """);
    }

    /** An await in a constructor. */
    @Test
    void awaitInAConstructor() throws IOException {
        assertRefused("Built.java", """
                package fixture;

                import dev.awaitable.Async;
                import dev.awaitable.Awaitable;

                final class Built {
                    final int value;

                    Built(Awaitable<Integer> x) {
                        value = Async.await(x); // refused
                    }
                }
                """);
    }

    /** An await in an initializer (here a static field's). */
    @Test
    void awaitInAnInitializer() throws IOException {
        assertRefused("Config.java", """
                package fixture;

                import dev.awaitable.Async;
                import dev.awaitable.Awaitable;

                final class Config {
                    static final int PORT = Async.await(Awaitable.completed(8080)); // refused
                }
                """);
    }

    private void assertRefused(String file, String source) throws IOException {
        FixtureProject project =
                new FixtureProject(dir).source("fixture/" + file, source).compile();
        var before = project.classFiles();
        WeaveSummary summary;
        try (ClassPathFiles classpath = ClassPathFiles.open(project.classpath())) {
            summary = new ClassDirectoryWeaver(new Weaver(classpath)::weave, name -> false).weave(project.classes);
        }
        DiagnosticFormatter formatter = new DiagnosticFormatter(project.basedir, List.of(project.sources));
        assertThat(summary.errors())
                .map(formatter::error)
                .singleElement()
                .asString()
                .startsWith("src/main/java/fixture/" + file + ":" + project.lineOf("fixture/" + file, "// refused")
                        + ": error: ");
        var after = project.classFiles();
        before.forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
    }
}
