package dev.awaitable.reliability.weaving;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles many generated sources in one javac call (javac's start-up dominates a small
 * compilation), keeping the class files in memory keyed by internal name. The test JVM's class
 * path is the compilation's class path.
 */
final class MemoryCompiler {

    /** One compilation: the class files, and the errors per source's class name. */
    record Compiled(Map<String, byte[]> classes, Map<String, String> errors) {}

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();
    /**
     * Shared by every compilation (it indexes the class path's jars once) and never closed: it
     * lives as long as the test JVM. Compilations run one at a time.
     */
    private static final StandardJavaFileManager STANDARD =
            JAVAC.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);

    private MemoryCompiler() {}

    /**
     * Compiles {@code sources} (binary class name to source) for {@code release}; a source
     * with errors yields no classes and an entry in {@link Compiled#errors()}.
     */
    static Compiled compile(Map<String, String> sources, int release) {
        Map<String, String> pending = new LinkedHashMap<>(sources);
        Map<String, String> errors = new HashMap<>();
        while (true) {
            Map<String, byte[]> classes = new ConcurrentHashMap<>();
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            List<JavaFileObject> units = new ArrayList<>();
            pending.forEach((name, text) -> units.add(new Source(name, text)));
            boolean ok;
            synchronized (STANDARD) {
                JavaFileManager files = new Memory(STANDARD, classes);
                List<String> options = List.of(
                        "--release",
                        Integer.toString(release),
                        "-g",
                        "-proc:none",
                        "-nowarn",
                        "-Xlint:none",
                        "-classpath",
                        System.getProperty("java.class.path"));
                ok = JAVAC.getTask(null, files, diagnostics, options, null, units)
                        .call();
            }
            if (ok) {
                return new Compiled(Map.copyOf(classes), errors);
            }
            boolean blamed = false;
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR
                        && d.getSource() instanceof Source s
                        && pending.remove(s.name) != null) {
                    errors.put(s.name, "line " + d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
                    blamed = true;
                }
            }
            if (!blamed) {
                throw new IllegalStateException(
                        "javac failed without naming a source: " + diagnostics.getDiagnostics());
            }
            if (pending.isEmpty()) {
                return new Compiled(Map.of(), errors);
            }
        }
    }

    private static final class Source extends SimpleJavaFileObject {
        final String name;
        private final String text;

        Source(String name, String text) {
            super(URI.create("string:///" + name.replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.name = name;
            this.text = text;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return text;
        }
    }

    private static final class Memory extends ForwardingJavaFileManager<StandardJavaFileManager> {
        private final Map<String, byte[]> classes;

        Memory(StandardJavaFileManager standard, Map<String, byte[]> classes) {
            super(standard);
            this.classes = classes;
        }

        @Override
        public JavaFileObject getJavaFileForOutput(
                Location location, String className, JavaFileObject.Kind kind, FileObject sibling) {
            String internal = className.replace('.', '/');
            return new SimpleJavaFileObject(URI.create("mem:///" + internal + kind.extension), kind) {
                @Override
                public OutputStream openOutputStream() {
                    return new ByteArrayOutputStream() {
                        @Override
                        public void close() {
                            classes.put(internal, toByteArray());
                        }
                    };
                }
            };
        }
    }
}
