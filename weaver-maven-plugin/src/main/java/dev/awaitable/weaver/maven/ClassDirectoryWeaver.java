package dev.awaitable.weaver.maven;

import dev.awaitable.weaver.WeaveDiagnostic;
import dev.awaitable.weaver.WeaveResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Weaves the class files of one output directory in place: reads them, hands each nest (a
 * top-level class and the classes nested in it, see {@link NestGroups}) to the weaver in one call,
 * and, when no nest has an error, writes back the classes the weaver changed and the classes it
 * generated. A class that comes back byte-for-byte equal is not touched, so its timestamp stays and
 * incremental tools see nothing new. When any nest has an error nothing is written, so a failed
 * build leaves javac's output as it was.
 */
final class ClassDirectoryWeaver {

    private final Function<Map<String, byte[]>, WeaveResult> weaver;
    private final Predicate<String> excluded;

    /**
     * @param weaver a weave call ({@code new Weaver(classpath)::weave})
     * @param excluded true for the binary name ({@code a.b.Outer}) of a top-level class whose nest
     *     must be left as it is
     */
    ClassDirectoryWeaver(Function<Map<String, byte[]>, WeaveResult> weaver, Predicate<String> excluded) {
        this.weaver = weaver;
        this.excluded = excluded;
    }

    WeaveSummary weave(Path directory) throws IOException {
        Map<String, byte[]> classes = read(directory);
        List<WeaveDiagnostic> errors = new ArrayList<>();
        List<WeaveDiagnostic> warnings = new ArrayList<>();
        Map<String, byte[]> changed = new TreeMap<>();
        int generated = 0;
        for (Map.Entry<String, Map<String, byte[]>> nest :
                NestGroups.of(classes).entrySet()) {
            if (excluded.test(nest.getKey().replace('/', '.'))) {
                continue;
            }
            WeaveResult result = weaver.apply(nest.getValue());
            errors.addAll(result.errors());
            warnings.addAll(result.warnings());
            for (Map.Entry<String, byte[]> out : result.classes().entrySet()) {
                byte[] before = nest.getValue().get(out.getKey());
                if (before == null) {
                    generated++;
                    changed.put(out.getKey(), out.getValue());
                } else if (!Arrays.equals(before, out.getValue())) {
                    changed.put(out.getKey(), out.getValue());
                }
            }
        }
        if (!errors.isEmpty()) {
            return new WeaveSummary(classes.size(), 0, 0, errors, warnings);
        }
        for (Map.Entry<String, byte[]> out : changed.entrySet()) {
            Path file = directory.resolve(out.getKey() + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, out.getValue());
        }
        return new WeaveSummary(classes.size(), changed.size() - generated, generated, errors, warnings);
    }

    /** The directory's class files by internal name, without module and package descriptors. */
    private static Map<String, byte[]> read(Path directory) throws IOException {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                String relative = directory
                        .relativize(file)
                        .toString()
                        .replace(file.getFileSystem().getSeparator(), "/");
                if (!relative.endsWith(".class")
                        || relative.startsWith("META-INF/")
                        || relative.endsWith("module-info.class")
                        || relative.endsWith("package-info.class")
                        || !Files.isRegularFile(file)) {
                    continue;
                }
                classes.put(relative.substring(0, relative.length() - ".class".length()), Files.readAllBytes(file));
            }
        }
        return classes;
    }
}
