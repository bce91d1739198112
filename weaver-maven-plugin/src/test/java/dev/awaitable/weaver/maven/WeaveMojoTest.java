package dev.awaitable.weaver.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The goal as Maven runs it, with the real weaver, on a module compiled at test time. */
class WeaveMojoTest {

    @TempDir
    Path dir;

    private FixtureProject module;
    private final List<String> log = new ArrayList<>();

    @BeforeEach
    void compile() throws Exception {
        module = new FixtureProject(dir).source("app/Greeter.java", """
                        package app;

                        import dev.awaitable.Async;
                        import dev.awaitable.Awaitable;

                        public final class Greeter {
                            private final String greeting = "hello ";

                            public Awaitable<String> greet(Awaitable<String> name) {
                                return Async.run(() -> {
                                    String n = Async.await(name);
                                    return greeting + n;
                                });
                            }

                            static final class Plain {}
                        }
                        """).compile();
    }

    /** A second weave of the same output changes nothing: an incremental build may weave twice. */
    @Test
    void weavingTwiceChangesNothingTheSecondTime() throws Exception {
        mojo(false).execute();
        Map<String, byte[]> once = module.classFiles();
        log.clear();

        mojo(false).execute();

        assertThat(log).containsExactly("[info] Woven 0 of " + once.size() + " classes in " + module.classes);
        Map<String, byte[]> twice = module.classFiles();
        assertThat(twice).containsOnlyKeys(once.keySet());
        once.forEach((name, bytes) -> assertThat(twice.get(name)).as(name).isEqualTo(bytes));
    }

    @Test
    void skipLeavesTheClassesAsJavacWroteThem() throws Exception {
        Map<String, byte[]> before = module.classFiles();
        mojo(true).execute();
        assertThat(log).containsExactly("[info] Weaving skipped (awaitable.weave.skip)");
        Map<String, byte[]> after = module.classFiles();
        before.forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
    }

    /** A module without classes (a pom-only or resources-only module) has nothing to weave. */
    @Test
    void noOutputDirectoryIsNothingToDo() throws Exception {
        try (var files = Files.walk(module.classes)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
        mojo(false).execute();
        assertThat(log).isEmpty();
    }

    private AbstractWeaveMojo mojo(boolean skip) {
        AbstractWeaveMojo mojo = new AbstractWeaveMojo() {
            @Override
            Path classesDirectory() {
                return module.classes;
            }

            @Override
            List<String> classpathElements() {
                return module.classpath();
            }

            @Override
            List<String> sourceRoots() {
                return List.of(module.sources.toString());
            }
        };
        mojo.project = new MavenProject();
        mojo.project.setFile(dir.resolve("pom.xml").toFile());
        mojo.skip = skip;
        mojo.setLog(new SystemStreamLog() {
            @Override
            public void info(CharSequence content) {
                log.add("[info] " + content);
            }

            @Override
            public void warn(CharSequence content) {
                log.add("[warn] " + content);
            }

            @Override
            public void error(CharSequence content) {
                log.add("[error] " + content);
            }
        });
        return mojo;
    }
}
