package dev.awaitable.weaver.maven;

import dev.awaitable.weaver.WeaveDiagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints a {@link WeaveDiagnostic} as javac prints its own errors, {@code PATH:LINE: error: message},
 * with the path of the source file relative to the module ({@code src/main/java/dev/x/Foo.java}) so
 * that IDE consoles and CI logs link it. The file is found from the class's package and its
 * {@code SourceFile} attribute in the source roots; when it is in none of them (a generated source
 * deleted since, a class from elsewhere), the path is the package's path and the file name.
 */
final class DiagnosticFormatter {

    private final Path basedir;
    private final List<Path> sourceRoots;

    DiagnosticFormatter(Path basedir, List<Path> sourceRoots) {
        this.basedir = basedir.toAbsolutePath().normalize();
        this.sourceRoots = List.copyOf(sourceRoots);
    }

    String error(WeaveDiagnostic d) {
        return format(d, "error");
    }

    String warning(WeaveDiagnostic d) {
        return format(d, "warning");
    }

    private String format(WeaveDiagnostic d, String severity) {
        return sourcePath(d) + ":" + d.line() + ": " + severity + ": " + d.message();
    }

    /** The source file's path as javac would print it, relative to the module when it is inside it. */
    String sourcePath(WeaveDiagnostic d) {
        int slash = d.className().lastIndexOf('/');
        String relative = slash < 0 ? d.sourceFile() : d.className().substring(0, slash + 1) + d.sourceFile();
        for (Path root : sourceRoots) {
            Path file = basedir.resolve(root).resolve(relative).normalize();
            if (Files.isRegularFile(file)) {
                return file.startsWith(basedir) ? basedir.relativize(file).toString() : file.toString();
            }
        }
        return relative;
    }
}
