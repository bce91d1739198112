package dev.awaitable.weaver;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles Java source in memory against the test class path, for tests that need generated programs. */
final class InMemoryJavac {

    private InMemoryJavac() {}

    /** The class files of one compilation unit, keyed by internal name, for Java 21. */
    static Map<String, byte[]> compile(String className, String source) {
        return compile(className, source, 21);
    }

    /** The class files of one compilation unit, keyed by internal name, for {@code release}. */
    static Map<String, byte[]> compile(String className, String source, int release) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        Map<String, ByteArrayOutputStream> out = new TreeMap<>();
        StandardJavaFileManager standard = javac.getStandardFileManager(diagnostics, null, null);
        ForwardingJavaFileManager<StandardJavaFileManager> files = new ForwardingJavaFileManager<>(standard) {
            @Override
            public JavaFileObject getJavaFileForOutput(
                    Location location, String name, JavaFileObject.Kind kind, FileObject sibling) {
                return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + ".class"), kind) {
                    @Override
                    public OutputStream openOutputStream() {
                        return out.computeIfAbsent(name.replace('.', '/'), k -> new ByteArrayOutputStream());
                    }
                };
            }
        };
        JavaFileObject unit =
                new SimpleJavaFileObject(
                        URI.create("string:///" + className.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
                    @Override
                    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                        return source;
                    }
                };
        List<String> options = List.of(
                "--release", String.valueOf(release), "-g", "-classpath", System.getProperty("java.class.path"));
        boolean ok = javac.getTask(null, files, diagnostics, options, null, List.of(unit))
                .call();
        if (!ok) {
            StringBuilder problems = new StringBuilder();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                problems.append(d).append('\n');
            }
            throw new IllegalArgumentException("does not compile:\n" + problems);
        }
        Map<String, byte[]> classes = new TreeMap<>();
        out.forEach((name, bytes) -> classes.put(name, bytes.toByteArray()));
        return classes;
    }
}
