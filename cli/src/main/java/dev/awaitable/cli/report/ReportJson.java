package dev.awaitable.cli.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.awaitable.cli.results.RunResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * {@code report.json}: the {@link RunResults} records as Jackson writes them, pretty-printed,
 * missing metrics left out. Reading ignores fields it does not know, so a report written by a
 * newer version (a metric added to a record) still resumes and merges.
 */
final class ReportJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .defaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.ALWAYS))
            .build();

    private ReportJson() {
    }

    static String write(RunResults results) throws IOException {
        return MAPPER.writeValueAsString(results) + "\n";
    }

    static RunResults read(Path file) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no report.json here");
        }
        try {
            return MAPPER.readValue(bytes, RunResults.class);
        } catch (IOException e) {
            throw new IOException("cannot read " + file + " as a report: " + e.getMessage(), e);
        }
    }
}
