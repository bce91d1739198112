package dev.awaitable.weaver.maven;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.weaver.WeaveDiagnostic;
import dev.awaitable.weaver.WeaveResult;
import dev.awaitable.weaver.Weaver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/** Walking an output directory, grouping nests, writing back: everything around one weave call. */
class ClassDirectoryWeaverTest {

    private static final FileTime OLD = FileTime.from(Instant.parse("2020-01-01T00:00:00Z"));

    @TempDir
    Path dir;

    private FixtureProject project;

    @BeforeEach
    void compile() throws IOException {
        project = new FixtureProject(dir)
                .source("app/Outer.java", """
                        package app;

                        import dev.awaitable.Async;
                        import dev.awaitable.Awaitable;

                        public class Outer {
                            static Awaitable<Integer> twice(Awaitable<Integer> x) {
                                return Async.run(() -> Async.await(x) * 2);
                            }

                            class Inner {
                                Runnable r = () -> System.out.println("inner");
                            }

                            Object anonymous() {
                                class Local {}
                                return new Object() {
                                    final Local local = new Local();
                                };
                            }
                        }
                        """)
                .source("app/Other.java", "package app;\n\npublic class Other {}\n")
                .source("app/Legacy.java", "package app;\n\npublic class Legacy {\n    static class Nested {}\n}\n")
                .compile();
    }

    /** Each top-level class reaches the weaver with all of its nested classes, in one call. */
    @Test
    void nestedClassesReachTheWeaverWithTheirTopLevelClass() throws IOException {
        List<Set<String>> calls = new ArrayList<>();
        new ClassDirectoryWeaver(
                        classes -> {
                            calls.add(new TreeSet<>(classes.keySet()));
                            return new WeaveResult(classes, List.of(), List.of());
                        },
                        name -> false)
                .weave(project.classes);
        assertThat(calls)
                .containsExactly(
                        Set.of("app/Legacy", "app/Legacy$Nested"),
                        Set.of("app/Other"),
                        Set.of("app/Outer", "app/Outer$Inner", "app/Outer$1", "app/Outer$1Local"));
    }

    /**
     * Only what the weaver changed or generated is written: unchanged class files keep their bytes
     * and timestamps, so an incremental build sees no change where there is none.
     */
    @Test
    void writesOnlyChangedAndGeneratedClasses() throws IOException {
        Map<String, byte[]> before = project.classFiles();
        for (String name : before.keySet()) {
            Files.setLastModifiedTime(file(name), OLD);
        }
        WeaveSummary summary = new ClassDirectoryWeaver(
                        classes -> {
                            if (!classes.containsKey("app/Outer")) {
                                return new WeaveResult(classes, List.of(), List.of());
                            }
                            Map<String, byte[]> out = new HashMap<>(classes);
                            out.put("app/Outer", withMarkerField(classes.get("app/Outer")));
                            out.put("app/Outer$twice$Async0", emptyClass("app/Outer$twice$Async0"));
                            return new WeaveResult(out, List.of(), List.of());
                        },
                        name -> false)
                .weave(project.classes);

        assertThat(summary).isEqualTo(new WeaveSummary(before.size(), 1, 1, List.of(), List.of()));
        assertThat(Files.getLastModifiedTime(file("app/Outer"))).isNotEqualTo(OLD);
        assertThat(Files.readAllBytes(file("app/Outer"))).isEqualTo(withMarkerField(before.get("app/Outer")));
        assertThat(Files.readAllBytes(file("app/Outer$twice$Async0"))).isEqualTo(emptyClass("app/Outer$twice$Async0"));
        for (String name : before.keySet()) {
            if (!name.equals("app/Outer")) {
                assertThat(Files.getLastModifiedTime(file(name))).as(name).isEqualTo(OLD);
                assertThat(Files.readAllBytes(file(name))).as(name).isEqualTo(before.get(name));
            }
        }
    }

    /** One refused nest means nothing is written, not even the nests that wove cleanly. */
    @Test
    void anErrorAnywhereWritesNothing() throws IOException {
        Map<String, byte[]> before = project.classFiles();
        WeaveSummary summary = new ClassDirectoryWeaver(
                        classes -> {
                            Map<String, byte[]> out = new HashMap<>(classes);
                            out.replaceAll((name, bytes) -> withMarkerField(bytes));
                            List<WeaveDiagnostic> errors = classes.containsKey("app/Other")
                                    ? List.of(new WeaveDiagnostic("app/Other", "Other.java", 3, "refused"))
                                    : List.of();
                            return new WeaveResult(out, errors, List.of());
                        },
                        name -> false)
                .weave(project.classes);

        assertThat(summary.errors()).extracting(WeaveDiagnostic::message).containsExactly("refused");
        assertThat(summary.rewritten()).isZero();
        Map<String, byte[]> after = project.classFiles();
        assertThat(after).containsOnlyKeys(before.keySet());
        before.forEach((name, bytes) -> assertThat(after.get(name)).as(name).isEqualTo(bytes));
    }

    /** An excluded top-level class's nest never reaches the weaver. */
    @Test
    void excludedNestsAreLeftOut() throws IOException {
        List<String> hosts = new ArrayList<>();
        new ClassDirectoryWeaver(
                        classes -> {
                            hosts.addAll(classes.keySet());
                            return new WeaveResult(classes, List.of(), List.of());
                        },
                        ClassNameGlob.anyOf(List.of("app.Out*", "**.Legacy")))
                .weave(project.classes);
        assertThat(hosts).containsExactly("app/Other");
    }

    /**
     * With the real weaver, classes without an async body come out byte for byte as javac wrote
     * them and are not rewritten.
     */
    @Test
    void theRealWeaverLeavesClassesWithoutBodiesUntouched() throws IOException {
        Map<String, byte[]> before = project.classFiles();
        for (String name : before.keySet()) {
            Files.setLastModifiedTime(file(name), OLD);
        }
        try (ClassPathFiles classpath = ClassPathFiles.open(project.classpath())) {
            new ClassDirectoryWeaver(new Weaver(classpath)::weave, name -> false).weave(project.classes);
        }
        for (String name : List.of("app/Other", "app/Legacy", "app/Legacy$Nested")) {
            assertThat(Files.readAllBytes(file(name))).as(name).isEqualTo(before.get(name));
            assertThat(Files.getLastModifiedTime(file(name))).as(name).isEqualTo(OLD);
        }
    }

    private Path file(String internalName) {
        return project.classes.resolve(internalName + ".class");
    }

    private static byte[] withMarkerField(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        ClassWriter writer = new ClassWriter(reader, 0);
        reader.accept(writer, 0);
        writer.visitField(Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC, "woven$marker", "I", null, null)
                .visitEnd();
        return writer.toByteArray();
    }

    private static byte[] emptyClass(String name) {
        ClassWriter writer = new ClassWriter(0);
        writer.visit(Opcodes.V21, Opcodes.ACC_FINAL | Opcodes.ACC_SUPER, name, null, "java/lang/Object", null);
        writer.visitEnd();
        return writer.toByteArray();
    }
}
