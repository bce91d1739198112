package dev.awaitable.weaver.agent;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * A small program run in a fresh JVM under a java agent: its sources compiled at test time, the
 * agent packed into a jar with a manifest as the build packs it.
 */
final class AgentRun {

    /** What the program printed, and how it ended. */
    record Output(int exit, String out, String err) {}

    private AgentRun() {}

    /** Compiles {@code sources} (path under the source root to code) into {@code dir/classes}. */
    static Path compile(Path dir, Map<String, String> sources) throws IOException {
        Path src = dir.resolve("src");
        Path classes = dir.resolve("classes");
        Files.createDirectories(classes);
        List<Path> files = new ArrayList<>();
        for (Map.Entry<String, String> s : sources.entrySet()) {
            Path file = src.resolve(s.getKey());
            Files.createDirectories(file.getParent());
            Files.writeString(file, s.getValue());
            files.add(file);
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm =
                javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of(
                    "-g",
                    "-proc:none",
                    "--release",
                    "21",
                    "-d",
                    classes.toString(),
                    "-classpath",
                    System.getProperty("java.class.path"));
            if (!javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files))
                    .call()) {
                throw new AssertionError("fixture does not compile: " + diagnostics.getDiagnostics());
            }
        }
        return classes;
    }

    /**
     * Writes an agent jar: the manifest's {@code Premain-Class}, and the class files under
     * {@code contents} (none when null: the agent is then found on the class path).
     */
    static Path agentJar(Path jar, String premainClass, Path contents) throws IOException {
        Manifest manifest = new Manifest();
        Attributes main = manifest.getMainAttributes();
        main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        main.putValue("Premain-Class", premainClass);
        main.putValue("Can-Retransform-Classes", "false");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            if (contents != null) {
                try (Stream<Path> walk = Files.walk(contents)) {
                    for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                        out.putNextEntry(
                                new JarEntry(contents.relativize(p).toString().replace(File.separatorChar, '/')));
                        out.write(Files.readAllBytes(p));
                        out.closeEntry();
                    }
                }
            }
        }
        return jar;
    }

    /** Runs {@code mainClass} with {@code -javaagent:agent}, the class path and the given JVM options. */
    static Output run(Path agent, List<String> classpath, List<String> jvmOptions, String mainClass, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-javaagent:" + agent);
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(String.join(File.pathSeparator, classpath));
        command.add(mainClass);
        command.addAll(List.of(args));
        Path out = Files.createTempFile(agent.getParent(), "out", ".txt");
        Path err = Files.createTempFile(agent.getParent(), "err", ".txt");
        Process p = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the program did not end in 60 s: " + command);
        }
        return new Output(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** This test JVM's class path, less the entries {@code without} names. */
    static List<String> testClasspath(Path... without) {
        List<String> entries =
                new ArrayList<>(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
        for (Path w : without) {
            entries.removeIf(e -> Path.of(e)
                    .toAbsolutePath()
                    .normalize()
                    .equals(w.toAbsolutePath().normalize()));
        }
        return entries;
    }
}
