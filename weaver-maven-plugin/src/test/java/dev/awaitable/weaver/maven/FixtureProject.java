package dev.awaitable.weaver.maven;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A module laid out as Maven lays one out ({@code src/main/java}, {@code target/classes}) in a
 * temporary directory, its sources compiled by javac at test time against this test's class path
 * (which has the Awaitable API on it), with line numbers and local variable names.
 */
final class FixtureProject {

    final Path basedir;
    final Path sources;
    final Path classes;

    FixtureProject(Path basedir) {
        this.basedir = basedir;
        this.sources = basedir.resolve("src/main/java");
        this.classes = basedir.resolve("target/classes");
    }

    /** Adds a source file at {@code path} (relative to {@code src/main/java}). */
    FixtureProject source(String path, String code) throws IOException {
        Path file = sources.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, code);
        return this;
    }

    /** Compiles every source into {@code target/classes}; fails the test on any compile error. */
    FixtureProject compile() throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Files.createDirectories(classes);
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sources)) {
            files = walk.filter(p -> p.toString().endsWith(".java")).toList();
        }
        try (StandardJavaFileManager fm =
                javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = new ArrayList<>(List.of(
                    "-g",
                    "-proc:none",
                    "--release",
                    "21",
                    "-d",
                    classes.toString(),
                    "-classpath",
                    System.getProperty("java.class.path")));
            boolean ok = javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files))
                    .call();
            if (!ok) {
                throw new AssertionError("fixture does not compile: " + diagnostics.getDiagnostics());
            }
        }
        return this;
    }

    /** The module's class path as the weave goal gets it: its own classes, then its dependencies. */
    List<String> classpath() {
        List<String> elements = new ArrayList<>();
        elements.add(classes.toString());
        elements.addAll(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        return elements;
    }

    /** The 1-based line of the first line of {@code path} that contains {@code marker}. */
    int lineOf(String path, String marker) throws IOException {
        List<String> lines = Files.readAllLines(sources.resolve(path));
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(marker)) {
                return i + 1;
            }
        }
        throw new AssertionError(marker + " not in " + path);
    }

    /** The compiled classes by internal name. */
    Map<String, byte[]> classFiles() throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) walk.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String rel = classes.relativize(p).toString().replace('\\', '/');
                out.put(rel.substring(0, rel.length() - ".class".length()), Files.readAllBytes(p));
            }
        }
        return out;
    }
}
