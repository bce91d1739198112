package dev.awaitable.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.awaitable.workloads.httpservice.HttpServiceWorkload;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP service in a JVM of its own ({@code dev.awaitable.http.HttpServerMain}),
 * so its threads, resident set and CPU time are its own and not the load generator's. The
 * parent talks to it over its standard streams: it prints {@code LISTENING <port>} once bound,
 * answers {@code stats} with one {@code STATS <json>} line and {@code reset} with {@code OK},
 * and exits on {@code quit} or when its stdin closes; a watchdog in the child ends it after
 * {@code max-seconds} even if this process dies without closing it.
 *
 * <p>Not thread-safe: one thread (the cell runner) sends commands and reads the answers. A reader
 * thread moves the child's stdout lines to a queue so a silent child cannot block us past a
 * deadline.
 */
final class ServerProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EOF = "\u0000eof";

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> lines = new ArrayBlockingQueue<>(1024);
    private final int port;

    private ServerProcess(Process process, int startSeconds) throws IOException {
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::pump, "http-server-stdout");
        reader.setDaemon(true);
        reader.start();
        String first = next("LISTENING", startSeconds);
        try {
            this.port = Integer.parseInt(first.substring("LISTENING ".length()).trim());
        } catch (RuntimeException e) {
            throw new IOException("server printed '" + first + "' instead of LISTENING <port>");
        }
    }

    /** Starts the server; its stderr goes to {@code log}. */
    static ServerProcess start(String implementation, int delayMs, int bodyBytes, int backlog, int maxSeconds, Path log)
            throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        cmd.addAll(HttpServiceWorkload.SERVER_JVM_FLAGS);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(HttpServiceWorkload.SERVER_MAIN);
        cmd.addAll(List.of(
                "--impl",
                implementation,
                "--delay-ms",
                String.valueOf(delayMs),
                "--body-bytes",
                String.valueOf(bodyBytes),
                "--backlog",
                String.valueOf(backlog),
                "--max-seconds",
                String.valueOf(maxSeconds)));
        Process p = new ProcessBuilder(cmd)
                .redirectError(ProcessBuilder.Redirect.to(log.toFile()))
                .start();
        try {
            return new ServerProcess(p, 30);
        } catch (IOException | RuntimeException e) {
            p.destroyForcibly();
            throw e;
        }
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** The server's counters now (see {@code ServerStats}). */
    JsonNode stats() throws IOException {
        send("stats");
        String line = next("STATS", 10);
        return JSON.readTree(line.substring("STATS ".length()));
    }

    /** Starts new peaks (threads, carriers, connections) from now. */
    void reset() throws IOException {
        send("reset");
        next("OK", 10);
    }

    private void send(String command) throws IOException {
        if (!process.isAlive()) {
            throw new IOException("the server process exited (code " + process.exitValue() + "); see its log");
        }
        commands.write(command + "\n");
        commands.flush();
    }

    /** The next stdout line starting with {@code prefix}, skipping others; IOException on timeout or exit. */
    private String next(String prefix, int seconds) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        try {
            for (; ; ) {
                long left = deadline - System.nanoTime();
                String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
                if (line == null) {
                    throw new IOException("the server did not answer " + prefix + " within " + seconds + " s");
                }
                if (line == EOF) {
                    throw new IOException("the server process exited before " + prefix + "; see its log");
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for the server");
        }
    }

    private void pump() {
        try (BufferedReader r =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.offer(line);
            }
        } catch (IOException e) {
            // the process ended
        }
        lines.offer(EOF);
    }

    /** Asks the server to quit; kills it if it has not exited within 10 s. */
    @Override
    public void close() {
        try {
            if (process.isAlive()) {
                commands.write("quit\n");
                commands.close();
            }
        } catch (IOException e) {
            // already gone
        }
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
