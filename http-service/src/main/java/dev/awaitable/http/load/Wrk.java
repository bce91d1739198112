package dev.awaitable.http.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs <a href="https://github.com/wg/wrk">wrk</a> as a {@link LoadGenerator}, in its own process.
 *
 * <p>A Lua {@code done()} hook prints one line, {@code AWAITABLE-WRK {json}}, with wrk's summary
 * (requests, duration, errors by kind) and latency percentiles, which is parsed into the
 * {@link LoadResult}. <b>wrk's latencies are not corrected for coordinated omission</b>: it is a
 * closed-loop client that times each response from when its request was actually sent, so a
 * server stall delays the requests that would have seen it and the stall is under-reported
 * (wrk2, the fork with a constant request rate, corrects this). The corrected fields of the result
 * are therefore always null; compare wrk with {@link JavaLoadGenerator}'s raw percentiles.
 *
 * <p>wrk takes whole seconds: the duration and timeout are rounded up to them. wrk counts a
 * response with status above 399 as a status error (the Java generator counts any non-2xx).
 * wrk needs one file descriptor per connection, so it is started through
 * {@code sh -c 'ulimit -S -n N && exec wrk ...'} with the soft limit raised to at least
 * {@code connections + 1000}.
 */
public final class Wrk implements LoadGenerator {

    /** The prefix of the line the Lua script prints. */
    static final String LINE_PREFIX = "AWAITABLE-WRK ";
    /** Slack for wrk to start, connect and report, beyond duration + timeout, before it is killed. */
    static final Duration KILL_SLACK = Duration.ofSeconds(10);
    /** File descriptors wrk gets beyond one per connection. */
    static final int SPARE_FILES = 1000;

    static final String INSTALL_HINT = "install wrk: sudo apt-get install wrk (Debian/Ubuntu), "
            + "or build it from https://github.com/wg/wrk and put it on PATH";

    private static final String LUA = """
            done = function(summary, latency, requests)
              local e = summary.errors
              io.write("AWAITABLE-WRK {\\"requests\\":" .. summary.requests
                .. ",\\"duration_us\\":" .. summary.duration
                .. ",\\"connect\\":" .. e.connect .. ",\\"read\\":" .. e.read
                .. ",\\"write\\":" .. e.write .. ",\\"status\\":" .. e.status
                .. ",\\"timeout\\":" .. e.timeout
                .. ",\\"p50_us\\":" .. latency:percentile(50)
                .. ",\\"p99_us\\":" .. latency:percentile(99)
                .. ",\\"p999_us\\":" .. latency:percentile(99.9)
                .. ",\\"max_us\\":" .. latency.max .. "}\\n")
            end
            """;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path wrk;
    private final int threads;

    /** wrk with min(2, connections) threads: the server under test shares the machine's cores. */
    public Wrk(Path wrk) {
        this(wrk, 2);
    }

    /** @param threads wrk's {@code -t}; lowered to {@code connections} when there are fewer */
    public Wrk(Path wrk, int threads) {
        this.wrk = Objects.requireNonNull(wrk, "wrk");
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive: " + threads);
        }
        this.threads = threads;
    }

    @Override
    public String id() {
        return "wrk";
    }

    /* ---------------- Finding wrk ---------------- */

    /** wrk on PATH, else /usr/bin/wrk or /usr/local/bin/wrk, if executable. */
    public static Optional<Path> locate() {
        return locate("wrk", "/usr/bin/wrk", "/usr/local/bin/wrk");
    }

    /**
     * wrk, found as {@link #locate()} finds it. Nothing is installed at run time: installing
     * belongs to the machine's set-up (README, {@code .ci/run}).
     *
     * @throws WrkUnavailableException if it is missing; the message says how to install it
     */
    public static Path require() throws WrkUnavailableException {
        return locate().orElseThrow(() -> new WrkUnavailableException("wrk not found; " + INSTALL_HINT));
    }

    private static Optional<Path> locate(String name, String... fallbacks) {
        List<Path> candidates = new ArrayList<>();
        String pathVar = System.getenv("PATH");
        if (pathVar != null) {
            for (String dir : pathVar.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, name));
                }
            }
        }
        for (String f : fallbacks) {
            candidates.add(Path.of(f));
        }
        return candidates.stream()
                .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p))
                .findFirst();
    }

    /* ---------------- Running ---------------- */

    /**
     * Runs {@code wrk -t<threads> -c<connections> -d<seconds>s --timeout <seconds>s -s <lua> url}.
     *
     * @throws IOException if wrk exits non-zero or prints no result line (the message carries the
     *                     last line of its stderr), if it has not exited by duration + timeout + 10 s
     *                     (it is killed), or if the hard open-file limit is below connections + 1000
     */
    @Override
    public LoadResult run(String host, int port, String path, int connections, Duration duration, Duration timeout)
            throws IOException, InterruptedException {
        if (connections <= 0) {
            throw new IllegalArgumentException("connections must be positive: " + connections);
        }
        long[] limits = OpenFileLimit.current();
        long files = fileLimit(connections, limits[0], limits[1]);
        Path lua = Files.createTempFile("awaitable-wrk", ".lua");
        Path out = Files.createTempFile("awaitable-wrk", ".out");
        Path err = Files.createTempFile("awaitable-wrk", ".err");
        Process p = null;
        try {
            Files.writeString(lua, LUA);
            List<String> command = command(
                    wrk, Math.min(threads, connections), host, port, path, connections, duration, timeout, lua, files);
            p = new ProcessBuilder(command)
                    .redirectOutput(out.toFile())
                    .redirectError(err.toFile())
                    .start();
            Duration limit =
                    Duration.ofSeconds(seconds(duration) + seconds(timeout)).plus(KILL_SLACK);
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("wrk did not exit within " + limit.toSeconds() + " s; killed it");
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IOException("wrk exited with " + p.exitValue() + ": "
                        + lastLine(Files.readString(err, StandardCharsets.UTF_8)));
            }
            return parse(stdout, connections)
                    .orElseThrow(() -> new IOException(
                            "wrk printed no " + LINE_PREFIX.trim() + " line: " + lastLine(readQuietly(err))));
        } finally {
            if (p != null && p.isAlive()) {
                p.destroy();
                if (!p.waitFor(2, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
            Files.deleteIfExists(lua);
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** The command line: wrk under a shell that first raises the open-file soft limit to {@code files}. */
    static List<String> command(
            Path wrk,
            int threads,
            String host,
            int port,
            String path,
            int connections,
            Duration duration,
            Duration timeout,
            Path lua,
            long files) {
        String target = path.startsWith("/") ? path : "/" + path;
        String authority = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
        // "$0" "$@" pass wrk and its arguments through the shell unquoted and unexpanded.
        String limit = files == Long.MAX_VALUE ? "unlimited" : Long.toString(files);
        return List.of(
                "sh",
                "-c",
                "ulimit -S -n " + limit + " && exec \"$0\" \"$@\"",
                wrk.toString(),
                "-t" + threads,
                "-c" + connections,
                "-d" + seconds(duration) + "s",
                "--timeout",
                seconds(timeout) + "s",
                "-s",
                lua.toString(),
                "http://" + authority + target);
    }

    /**
     * The soft open-file limit to run wrk under: at least {@code connections + 1000}, never lower
     * than the current soft limit.
     *
     * @throws IOException if the hard limit is below {@code connections + 1000}
     */
    static long fileLimit(int connections, long soft, long hard) throws IOException {
        long needed = (long) connections + SPARE_FILES;
        if (hard < needed) {
            throw new IOException("wrk needs " + needed + " open files for " + connections
                    + " connections but the hard limit is " + hard + "; raise it (as root: ulimit -Hn "
                    + needed + ", or LimitNOFILE / nofile in limits.conf)");
        }
        return Math.max(soft, needed);
    }

    /** Whole seconds, rounded up, at least 1: wrk's -d and --timeout take seconds. */
    static long seconds(Duration d) {
        long s = d.getSeconds() + (d.getNano() > 0 ? 1 : 0);
        return Math.max(1, s);
    }

    /** The result in wrk's stdout, or empty if it has no {@link #LINE_PREFIX} line. */
    static Optional<LoadResult> parse(String stdout, int connections) throws IOException {
        String json = null;
        for (String line : stdout.split("\\R")) {
            if (line.startsWith(LINE_PREFIX)) {
                json = line.substring(LINE_PREFIX.length());
            }
        }
        if (json == null) {
            return Optional.empty();
        }
        JsonNode n = JSON.readTree(json);
        ErrorCounts e = new ErrorCounts();
        e.connect = field(n, "connect").asLong();
        e.read = field(n, "read").asLong();
        e.write = field(n, "write").asLong();
        e.status = field(n, "status").asLong();
        e.timeout = field(n, "timeout").asLong();
        long requests = field(n, "requests").asLong();
        double seconds = field(n, "duration_us").asDouble() / 1e6;
        boolean any = requests > 0;
        return Optional.of(new LoadResult(
                "wrk",
                connections,
                seconds,
                requests,
                seconds > 0 ? requests / seconds : 0,
                any ? micros(n, "p50_us") : null,
                any ? micros(n, "p99_us") : null,
                any ? micros(n, "p999_us") : null,
                any ? micros(n, "max_us") : null,
                null,
                null,
                e.total(),
                e.detail()));
    }

    private static JsonNode field(JsonNode n, String name) throws IOException {
        JsonNode v = n.get(name);
        if (v == null || !v.isNumber()) {
            throw new IOException("wrk result line lacks a number for " + name + ": " + n);
        }
        return v;
    }

    private static Double micros(JsonNode n, String name) throws IOException {
        return field(n, name).asDouble() / 1000.0;
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    static String lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        String last = lines[lines.length - 1].strip();
        return last.isEmpty() ? "(no output)" : last;
    }
}
