package dev.awaitable.cli.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@value #FILE}: the {@link RunResults} records as Jackson writes them, pretty-printed, missing
 * metrics left out. The source of truth of a run: the runner saves it after every cell, a
 * resumed run and {@code merge} read it back, and the report is rendered from it alone. Reading
 * ignores fields it does not know, so a file written by a newer version (a metric added to a
 * record) still resumes and merges.
 */
public final class ResultsJson {

    /** The file name in a run's output folder. */
    public static final String FILE = "report.json";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
            .build();

    private ResultsJson() {}

    /** The JSON text of {@code results}. */
    public static String toJson(RunResults results) throws IOException {
        return MAPPER.writeValueAsString(results) + "\n";
    }

    /** Writes {@value #FILE} into {@code outDir} (created if missing), atomically: see {@link #replace}. */
    public static void write(RunResults results, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        replace(outDir.resolve(FILE), toJson(results));
    }

    /** Reads a {@value #FILE}; an unreadable one is an IOException that names the file. */
    public static RunResults read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no " + FILE + " here");
        }
        try {
            return MAPPER.readValue(bytes, RunResults.class);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + " as a run's results: " + e.getMessage(), e);
        }
    }

    /**
     * Writes {@code content} beside {@code target} and moves it into place, so an interrupted
     * write never leaves a truncated file for a resumed run to read.
     */
    public static void replace(Path target, String content) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
