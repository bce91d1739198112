package dev.awaitable.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one {@link HttpService} in its own JVM for a benchmark parent:
 * <pre>
 * java --add-opens java.base/java.lang=ALL-UNNAMED -cp JAR dev.awaitable.http.HttpServerMain \
 *      --impl ID [--delay-ms N] [--body-bytes N] [--backlog N] [--max-seconds N] [--port N]
 * </pre>
 * Prints {@code LISTENING <port>} once bound, then serves commands on stdin, one per line:
 * {@code stats} prints {@code STATS <json>} (a {@link ServerStats}); {@code reset} restarts the
 * peak counters and prints {@code OK}; {@code quit} or EOF closes the service and exits 0. An
 * unknown command prints {@code ERROR <text>}. After {@code --max-seconds} (default 900) a
 * watchdog closes the service and exits 0 by itself, so no server outlives its parent. Bad
 * arguments: one line on stderr, exit 2.
 *
 * <p>Defaults: delay 0 ms, 64-byte bodies, backlog 4096, port 0 (a free one).
 */
public final class HttpServerMain {

    private HttpServerMain() {}

    public static void main(String[] args) {
        Map<String, String> opts;
        HttpService service;
        int port;
        long maxSeconds;
        try {
            opts = parse(args);
            String impl = opts.get("--impl");
            if (impl == null) {
                throw new IllegalArgumentException(
                        "--impl is required (one of " + String.join(", ", HttpServices.IMPLEMENTATIONS) + ")");
            }
            HttpServiceConfig config = new HttpServiceConfig(
                    intOpt(opts, "--delay-ms", 0), intOpt(opts, "--body-bytes", 64), intOpt(opts, "--backlog", 4096));
            port = intOpt(opts, "--port", 0);
            maxSeconds = intOpt(opts, "--max-seconds", 900);
            if (maxSeconds < 1) {
                throw new IllegalArgumentException("--max-seconds must be >= 1");
            }
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("--port must be 0..65535");
            }
            service = HttpServices.create(impl, config);
        } catch (IllegalArgumentException e) {
            System.err.println("HttpServerMain: " + e.getMessage());
            System.exit(2);
            return;
        }
        System.exit(run(service, port, maxSeconds));
    }

    private static int run(HttpService service, int port, long maxSeconds) {
        PrintStream out = System.out;
        int bound;
        try {
            bound = service.start(port);
        } catch (IOException | RuntimeException e) {
            System.err.println("HttpServerMain: cannot start: " + e);
            service.close();
            return 1;
        }
        startWatchdog(service, maxSeconds);
        ObjectMapper json = new ObjectMapper();
        try (StatsCollector stats = new StatsCollector(service)) {
            out.println("LISTENING " + bound);
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line; (line = in.readLine()) != null; ) {
                switch (line.trim()) {
                    case "stats" -> out.println("STATS " + json.writeValueAsString(stats.stats()));
                    case "reset" -> {
                        stats.resetPeaks();
                        out.println("OK");
                    }
                    case "quit" -> {
                        return 0;
                    }
                    case "" -> {
                        continue;
                    }
                    default -> out.println("ERROR unknown command '" + line.trim() + "' (stats, reset, quit)");
                }
                out.flush();
            }
            return 0; // EOF: the parent is gone
        } catch (IOException e) {
            System.err.println("HttpServerMain: stdin failed: " + e);
            return 0;
        } finally {
            service.close();
        }
    }

    private static void startWatchdog(HttpService service, long maxSeconds) {
        Thread watchdog = new Thread(
                () -> {
                    try {
                        Thread.sleep(maxSeconds * 1000);
                    } catch (InterruptedException e) {
                        return;
                    }
                    System.err.println("HttpServerMain: --max-seconds " + maxSeconds + " elapsed; exiting");
                    Thread closer = new Thread(service::close, "http-watchdog-close");
                    closer.setDaemon(true);
                    closer.start();
                    try {
                        closer.join(5_000);
                    } catch (InterruptedException ignored) {
                        // exiting anyway
                    }
                    Runtime.getRuntime().halt(0);
                },
                "http-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String value;
            int eq = a.indexOf('=');
            if (a.startsWith("--") && eq > 0) {
                value = a.substring(eq + 1);
                a = a.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("missing value for " + a);
            }
            switch (a) {
                case "--impl", "--delay-ms", "--body-bytes", "--backlog", "--max-seconds", "--port" ->
                    opts.put(a, value);
                default ->
                    throw new IllegalArgumentException("unknown option " + a
                            + " (--impl, --delay-ms, --body-bytes, --backlog, --max-seconds, --port)");
            }
        }
        return opts;
    }

    private static int intOpt(Map<String, String> opts, String name, int dflt) {
        String v = opts.get(name);
        if (v == null) {
            return dflt;
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, was '" + v + "'");
        }
    }
}
