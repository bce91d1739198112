package dev.awaitable.weaver.maven;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The class files a weave may ask about, by internal name: the JDK's own classes (the {@code jrt:}
 * file system of the JDK running the build), then the class path's directories and jars in order,
 * as the JVM would find them. Reads bytes only, never loads a class.
 *
 * <p>Safe for concurrent lookups: the JDK's package index is built once in the constructor, the
 * jars are opened there too, and {@link ZipFile} reads are thread-safe.
 */
final class ClassPathFiles implements Function<String, byte[]>, AutoCloseable {

    private final FileSystem jrt;
    /** Dotted package name to the JDK modules that hold it (a package is in one module, split ones aside). */
    private final Map<String, List<String>> jdkPackages;

    private final List<ZipFile> jars = new ArrayList<>();
    /** The directories and jars in class-path order. */
    private final List<Entry> entries = new ArrayList<>();

    /** One class-path element: the bytes of a file in it, or null. */
    private interface Entry {
        byte[] read(String file) throws IOException;
    }

    private ClassPathFiles(List<String> elements) throws IOException {
        this.jrt = FileSystems.getFileSystem(URI.create("jrt:/"));
        this.jdkPackages = indexJdkPackages(jrt);
        try {
            for (String element : elements) {
                Path path = Path.of(element);
                if (Files.isDirectory(path)) {
                    entries.add(file -> readFile(path.resolve(file)));
                } else if (Files.isRegularFile(path)) {
                    ZipFile jar = new ZipFile(path.toFile());
                    jars.add(jar);
                    entries.add(file -> readEntry(jar, file));
                }
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Opens the given class-path elements (directories and jars; missing ones are skipped). */
    static ClassPathFiles open(List<String> elements) throws IOException {
        return new ClassPathFiles(elements);
    }

    @Override
    public byte[] apply(String internalName) {
        String file = internalName + ".class";
        try {
            int slash = internalName.lastIndexOf('/');
            List<String> modules = jdkPackages.get(
                    slash < 0 ? "" : internalName.substring(0, slash).replace('/', '.'));
            if (modules != null) {
                for (String module : modules) {
                    Path p = jrt.getPath("/modules", module, file);
                    if (Files.isRegularFile(p)) {
                        return Files.readAllBytes(p);
                    }
                }
            }
            for (Entry entry : entries) {
                byte[] bytes = entry.read(file);
                if (bytes != null) {
                    return bytes;
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " from the class path", e);
        }
    }

    private static byte[] readFile(Path file) throws IOException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static byte[] readEntry(ZipFile jar, String file) throws IOException {
        ZipEntry entry = jar.getEntry(file);
        if (entry == null) {
            return null;
        }
        try (InputStream in = jar.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private static Map<String, List<String>> indexJdkPackages(FileSystem jrt) throws IOException {
        Map<String, List<String>> index = new HashMap<>();
        try (Stream<Path> packages = Files.list(jrt.getPath("/packages"))) {
            for (Path pkg : (Iterable<Path>) packages::iterator) {
                try (Stream<Path> modules = Files.list(pkg)) {
                    index.put(
                            pkg.getFileName().toString(),
                            modules.map(m -> m.getFileName().toString()).toList());
                }
            }
        }
        return index;
    }

    @Override
    public void close() throws IOException {
        IOException failure = null;
        for (ZipFile jar : jars) {
            try {
                jar.close();
            } catch (IOException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
