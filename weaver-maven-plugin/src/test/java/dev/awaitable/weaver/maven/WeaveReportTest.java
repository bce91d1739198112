package dev.awaitable.weaver.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awaitable.weaver.WeaveDiagnostic;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a weave goal prints and whether it fails the build. */
class WeaveReportTest {

    private static final String LOCKED = "fixture/Locked.java";

    @TempDir
    Path dir;

    /**
     * A refused construct fails the build, after printing it as javac prints an error: the source
     * path relative to the module, and the line of the await the class file records.
     */
    @Test
    void aRefusedConstructFailsTheBuildNamingItsSourceLine() throws IOException {
        FixtureProject project = new FixtureProject(dir).source(LOCKED, """
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
                        """).compile();
        WeaveSummary summary =
                new ClassDirectoryWeaver(FakeWeavers::refuseEveryAwait, name -> false).weave(project.classes);
        RecordingLog log = new RecordingLog();

        assertThatThrownBy(() -> AbstractWeaveMojo.report(summary, formatter(project), project.classes, log))
                .isInstanceOf(MojoFailureException.class)
                .hasMessageStartingWith("awaitable-weaver: 1 error in " + project.classes);
        assertThat(log.lines)
                .containsExactly("[error] src/main/java/fixture/Locked.java:" + project.lineOf(LOCKED, "// refused")
                        + ": error: Async.await inside synchronized (fixture)");
    }

    /** Warnings are printed as Maven warnings in the same form, and do not fail the build. */
    @Test
    void warningsArePrintedAndPass() throws Exception {
        FixtureProject project = new FixtureProject(dir)
                .source("fixture/Big.java", "package fixture;\n\nfinal class Big {}\n")
                .compile();
        WeaveSummary summary = new WeaveSummary(
                1,
                1,
                1,
                List.of(),
                List.of(new WeaveDiagnostic("fixture/Big", "Big.java", 3, "moveNext is 9000 bytes")));
        RecordingLog log = new RecordingLog();

        AbstractWeaveMojo.report(summary, formatter(project), project.classes, log);

        assertThat(log.lines)
                .containsExactly(
                        "[warn] src/main/java/fixture/Big.java:3: warning: moveNext is 9000 bytes",
                        "[info] Woven 1 of 1 classes in " + project.classes + ", 1 state machines generated");
    }

    /** A source the roots do not hold is named by its package path, still with the line. */
    @Test
    void anUnresolvedSourceIsNamedByItsPackagePath() {
        DiagnosticFormatter formatter = new DiagnosticFormatter(dir, List.of(dir.resolve("src/main/java")));
        assertThat(formatter.error(new WeaveDiagnostic("a/b/Gone", "Gone.java", 7, "refused")))
                .isEqualTo("a/b/Gone.java:7: error: refused");
    }

    private static DiagnosticFormatter formatter(FixtureProject project) {
        return new DiagnosticFormatter(project.basedir, List.of(project.sources));
    }

    /** Maven's log, keeping what the goal said at each level. */
    private static final class RecordingLog extends SystemStreamLog {
        final List<String> lines = new ArrayList<>();

        @Override
        public void error(CharSequence content) {
            lines.add("[error] " + content);
        }

        @Override
        public void warn(CharSequence content) {
            lines.add("[warn] " + content);
        }

        @Override
        public void info(CharSequence content) {
            lines.add("[info] " + content);
        }
    }
}
