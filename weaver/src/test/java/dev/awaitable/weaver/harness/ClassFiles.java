package dev.awaitable.weaver.harness;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** Class files as the weaver takes them: read from the test class path, keyed by internal name. */
public final class ClassFiles {

    private ClassFiles() {}

    /** Every class of a package (not its subpackages), as javac wrote it to target/test-classes. */
    public static Map<String, byte[]> ofPackage(String packageName) {
        String dir = packageName.replace('.', '/');
        try {
            Path root =
                    Path.of(ClassFiles.class.getClassLoader().getResource(dir).toURI());
            Map<String, byte[]> classes = new TreeMap<>();
            try (Stream<Path> files = Files.list(root)) {
                for (Path file :
                        files.filter(f -> f.toString().endsWith(".class")).toList()) {
                    String simple = file.getFileName().toString();
                    classes.put(
                            dir + "/" + simple.substring(0, simple.length() - ".class".length()),
                            Files.readAllBytes(file));
                }
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A top-level class with its nested classes. */
    public static Map<String, byte[]> ofNest(Class<?> outer) {
        String name = outer.getName().replace('.', '/');
        Map<String, byte[]> classes = new TreeMap<>();
        ofPackage(outer.getPackageName()).forEach((k, v) -> {
            if (k.equals(name) || k.startsWith(name + "$")) {
                classes.put(k, v);
            }
        });
        return classes;
    }

    /** The classpath function the tests give the weaver: the test class path and the JDK, read as resources. */
    public static byte[] lookup(String internalName) {
        try (InputStream in = ClassLoader.getSystemResourceAsStream(internalName + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
