package dev.awaitable.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad file is one clear line on err, {@code awaitable analyze: <what is wrong>}, a
 * non-zero exit, and nothing on out: no stack trace, whatever the damage.
 */
class BadInputTest {

    static Stream<Arguments> badFiles() throws Exception {
        byte[] real = Files.readAllBytes(Recordings.awaits());
        Path empty = write("empty.jfr", new byte[0]);
        Path truncated = write("truncated.jfr", Arrays.copyOf(real, 100));
        Path halfway = write("halfway.jfr", Arrays.copyOf(real, real.length / 2));
        byte[] noise = new byte[8192];
        new Random(7).nextBytes(noise);
        Path random = write("random.jfr", noise);
        Path headerThenNoise = write("header-then-noise.jfr", concat(Arrays.copyOf(real, 4), noise));
        Path text = Files.writeString(Recordings.file("notes.txt"), "this is not a recording\n");
        Path gzip = write("rec.jfr.gz", new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0});
        Path missing = Recordings.file("does-not-exist.jfr");
        Path directory = Files.createDirectories(Recordings.file("a-directory.jfr"));
        return Stream.of(
                Arguments.of("empty", empty, "empty file, not a JFR recording: "),
                Arguments.of("first 100 bytes", truncated, "truncated JFR recording: "),
                Arguments.of("first half", halfway, "truncated JFR recording: "),
                Arguments.of("random bytes", random, "not a JFR recording: "),
                Arguments.of("magic then random bytes", headerThenNoise, "corrupt JFR recording: "),
                Arguments.of("text file", text, "not a JFR recording: "),
                Arguments.of("gzip", gzip, "gzip-compressed"),
                Arguments.of("missing", missing, "no such file: "),
                Arguments.of("directory", directory, "a directory, not a JFR recording: "));
    }

    /** One line on err naming the file, exit 1, nothing on out. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void oneLineOnErrAndNonZeroExit(String kind, Path file, String expected) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = JfrAnalyzer.analyzeCommand(
                new AnalyzeOptions(List.of(file), null, null, null, false, null),
                ForeignRecordingTest.print(out),
                ForeignRecordingTest.print(err));
        String e = err.toString(StandardCharsets.UTF_8);
        System.out.print(kind + " -> " + e);
        assertThat(exit).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(Recordings.lines(e))
                .singleElement()
                .asString()
                .startsWith("awaitable analyze: ")
                .contains(expected)
                .contains(file.toString())
                .doesNotContain("\tat ", "Exception in thread");
    }

    /** The library throws the same message as a checked exception. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void analyzeThrowsUnreadableRecording(String kind, Path file, String expected) {
        assertThatThrownBy(() -> JfrAnalyzer.analyze(file, false))
                .isInstanceOf(UnreadableRecordingException.class)
                .hasMessageContaining(expected)
                .satisfies(t ->
                        assertThat(((UnreadableRecordingException) t).file()).isEqualTo(file));
    }

    private static Path write(String name, byte[] bytes) throws Exception {
        return Files.write(Recordings.file(name), bytes);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
