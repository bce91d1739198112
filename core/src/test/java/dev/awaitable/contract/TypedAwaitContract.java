package dev.awaitable.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.CancellationToken;
import dev.awaitable.CompletionSource;
import dev.awaitable.testkit.Contract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typed awaits ({@code Async.await(x, X.class)}, {@code awaiter.getResult(X.class)},
 * {@code join(X.class)}): a checked exception caught by its type, the original exception
 * rethrown unwrapped whatever the declared type; and, at the level where it matters, the
 * compiler: a catch of a checked exception around a plain await does not compile (javac:
 * "exception ... is never thrown in body of corresponding try statement"), around a typed await,
 * a hand-written machine's typed getResult or a typed join it does. Snippets are compiled with
 * the running JDK's javac against the test class path.
 */
class TypedAwaitContract extends Contract {

    /** The typed forms rethrow the original exception; a type other than the declared one comes through too. */
    @Test
    void typedFormsRethrowTheOriginalException() {
        IOException io = new IOException("io");
        Awaitable<String> failed = Awaitable.failed(io);
        assertThatThrownBy(() -> Async.await(failed, IOException.class)).isSameAs(io);
        assertThatThrownBy(() -> Async.await(failed, TimeoutException.class)).isSameAs(io);
        assertThatThrownBy(() -> Async.await(failed, CancellationToken.NONE, IOException.class))
                .isSameAs(io);
        assertThatThrownBy(() -> failed.getAwaiter().getResult(IOException.class))
                .isSameAs(io);
        assertThatThrownBy(() -> failed.join(IOException.class)).isSameAs(io);
        String v;
        try {
            v = Async.await(Awaitable.completed("v"), IOException.class);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(v).isEqualTo("v");
    }

    /** In a direct-style body (where the backend runs one), a timeout is caught by its type after a real suspension. */
    @Test
    void timeoutCaughtByItsTypeInABody() {
        if (!Async.backend().supportsDirectStyle()) {
            return; // hand-written machines use getResult(Class), checked above
        }
        CompletionSource<String> never = new CompletionSource<>();
        Awaitable<String> body = Async.run(() -> {
            try {
                return Async.await(never.awaitable().withTimeout(Duration.ofMillis(5)), TimeoutException.class);
            } catch (TimeoutException e) {
                return "timed out";
            }
        });
        assertThat(await(body)).isEqualTo("timed out");
    }

    @TempDir
    Path out;

    private static final String HEADER = """
            import dev.awaitable.*;
            import java.time.Duration;
            import java.util.concurrent.TimeoutException;
            import java.io.IOException;
            class Snippet {
                static Awaitable<String> fetch() { return new CompletionSource<String>().awaitable(); }
            """;

    /**
     * The snippet that must compile: a catch of a checked exception by its type around a typed
     * await (direct style), a two-type await, a typed join, and a hand-written machine's typed
     * getResult.
     */
    @Test
    void typedFormsLetACheckedExceptionBeCaughtByType() throws Exception {
        List<String> errors = compile(HEADER + """
                static String body() {
                    try {
                        return Async.await(fetch().withTimeout(Duration.ofSeconds(1)), TimeoutException.class);
                    } catch (TimeoutException e) {
                        return "timed out";
                    }
                }
                static String two() {
                    try {
                        return Async.await(fetch(), TimeoutException.class, IOException.class);
                    } catch (TimeoutException | IOException e) {
                        return "either";
                    }
                }
                static String joined() {
                    try {
                        return fetch().join(IOException.class);
                    } catch (IOException e) {
                        return "io";
                    }
                }
                static String moveNextTail(Awaiter<String> awaiter) {
                    try {
                        return awaiter.getResult(TimeoutException.class);
                    } catch (TimeoutException e) {
                        return "timed out";
                    }
                }
            }
            """);
        assertThat(errors).isEmpty();
    }

    /**
     * The snippet that must not compile: the same catches around a plain await and a plain
     * getResult, each rejected as catching an exception the body never throws, the reason the
     * typed forms exist.
     */
    @Test
    void plainFormsCannotBeCaughtByCheckedType() throws Exception {
        List<String> errors = compile(HEADER + """
                static String body() {
                    try {
                        return Async.await(fetch().withTimeout(Duration.ofSeconds(1)));
                    } catch (TimeoutException e) {
                        return "timed out";
                    }
                }
                static String moveNextTail(Awaiter<String> awaiter) {
                    try {
                        return awaiter.getResult();
                    } catch (IOException e) {
                        return "io";
                    }
                }
            }
            """);
        assertThat(errors).hasSize(2);
        assertThat(errors.get(0))
                .contains("compiler.err.except.never.thrown.in.try")
                .contains("java.util.concurrent.TimeoutException");
        assertThat(errors.get(1))
                .contains("compiler.err.except.never.thrown.in.try")
                .contains("java.io.IOException");
    }

    /**
     * Compiles {@code source} (class Snippet) with the javac of the running JDK, in a process of
     * its own, against the test class path; returns the error lines (empty if it compiled).
     */
    private List<String> compile(String source) throws Exception {
        Path src = Files.createDirectories(out.resolve("src")).resolve("Snippet.java");
        Files.writeString(src, source);
        Path javac = Path.of(System.getProperty("java.home"), "bin", "javac");
        Process p = new ProcessBuilder(
                        javac.toString(),
                        "-classpath",
                        System.getProperty("java.class.path"),
                        "-d",
                        Files.createDirectories(out.resolve("classes")).toString(),
                        "-proc:none",
                        "-XDrawDiagnostics",
                        src.toString())
                .redirectErrorStream(true)
                .start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS))
                .as("javac finished")
                .isTrue();
        List<String> errors =
                output.lines().filter(l -> l.contains(": compiler.err")).toList();
        assertThat(p.exitValue() == 0).as("javac exit status for: %s", output).isEqualTo(errors.isEmpty());
        return errors;
    }
}
