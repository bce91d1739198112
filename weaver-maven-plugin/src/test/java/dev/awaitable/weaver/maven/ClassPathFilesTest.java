package dev.awaitable.weaver.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;

/** The weaver's view of a class path: the JDK's classes, directories and jars, by internal name. */
class ClassPathFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsTheJdkDirectoriesAndJars() throws IOException {
        FixtureProject project = new FixtureProject(dir.resolve("module"))
                .source("app/InDir.java", "package app;\n\npublic class InDir {}\n")
                .source("lib/InJar.java", """
                        package lib;

                        public class InJar extends java.util.AbstractList<String> {
                            public String get(int i) {
                                return null;
                            }

                            public int size() {
                                return 0;
                            }
                        }
                        """)
                .compile();
        Path jar = dir.resolve("lib.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("lib/InJar.class"));
            out.write(Files.readAllBytes(project.classes.resolve("lib/InJar.class")));
            out.closeEntry();
        }
        Files.delete(project.classes.resolve("lib/InJar.class"));

        try (ClassPathFiles classpath = ClassPathFiles.open(List.of(
                project.classes.toString(),
                jar.toString(),
                dir.resolve("missing.jar").toString()))) {
            assertThat(nameOf(classpath.apply("java/lang/String"))).isEqualTo("java/lang/String");
            assertThat(nameOf(classpath.apply("java/sql/Connection"))).isEqualTo("java/sql/Connection");
            assertThat(nameOf(classpath.apply("app/InDir"))).isEqualTo("app/InDir");
            byte[] inJar = classpath.apply("lib/InJar");
            assertThat(nameOf(inJar)).isEqualTo("lib/InJar");
            assertThat(new ClassReader(inJar).getSuperName()).isEqualTo("java/util/AbstractList");
            assertThat(classpath.apply("app/Missing")).isNull();
            assertThat(classpath.apply("java/lang/Missing")).isNull();
            assertThat(classpath.apply("Unnamed")).isNull();
        }
    }

    private static String nameOf(byte[] classFile) {
        assertThat(classFile).isNotNull();
        return new ClassReader(classFile).getClassName();
    }
}
