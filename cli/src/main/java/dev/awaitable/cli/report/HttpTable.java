package dev.awaitable.cli.report;

import dev.awaitable.cli.results.HttpCellResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The HTTP service section of the report, computed once for both renderings: the cells in
 * reading order (connections, delay, implementation, generator), the columns with legends, the
 * agreement of the two load generators per (implementation, connections, delay), and the
 * findings about the seed's 10,000-thread claim, written from the numbers.
 */
final class HttpTable {
    /** Generators agree when requests/s differ by at most this fraction of the larger ... */
    static final double RPS_TOLERANCE = 0.25;
    /** ... and p50 by at most this fraction of the larger, or {@link #P50_FLOOR_MS}, whichever is more. */
    static final double P50_TOLERANCE = 0.25;

    static final double P50_FLOOR_MS = 2.0;
    /** The seed's claim: "~1 MB stack" per thread. */
    static final double CLAIMED_STACK_BYTES = 1024.0 * 1024;

    record Col(String header, String legend, boolean numeric, Function<HttpCellResult, String> text) {}

    /**
     * @param against   the Java generator compared with wrk: java-burst (measuring as wrk does) where measured, else java
     * @param rpsRatio  java / wrk requests per second
     * @param p50DiffMs java p50 minus wrk p50
     * @param agree     within the stated tolerance
     */
    record Agreement(
            String implementation,
            int connections,
            int delayMs,
            String against,
            Double rpsRatio,
            Double p50DiffMs,
            boolean agree,
            String note) {}

    static final List<Col> COLUMNS = List.of(
            new Col("Implementation", "the service's implementation", false, HttpCellResult::implementation),
            new Col(
                    "Connections",
                    "concurrent keep-alive connections the generator held open",
                    true,
                    c -> Formats.integer(c.connections())),
            new Col(
                    "Delay",
                    "the handler's awaited downstream delay, ms",
                    true,
                    c -> Formats.integer(c.delayMs()) + " ms"),
            new Col(
                    "Generator",
                    "wrk (not corrected for coordinated omission); java-burst: the Java generator measuring as wrk does "
                            + "(all connects at once, in the window); java: the Java generator paced (connects at most 256 at a time, "
                            + "window after all are open: the steady state); both Java ones use HdrHistogram",
                    false,
                    HttpCellResult::generator),
            new Col(
                    "Requests/s",
                    "responses per second over the measured window",
                    true,
                    c -> Formats.number(c.requestsPerSecond())),
            new Col("p50", "median latency, ms", true, c -> ms(c.p50Ms())),
            new Col("p99", "99th percentile latency, ms", true, c -> ms(c.p99Ms())),
            new Col("p99.9", "99.9th percentile latency, ms", true, c -> ms(c.p999Ms())),
            new Col(
                    "p99 corrected",
                    "p99 corrected for coordinated omission (HdrHistogram; expected interval: the delay or the run's median, whichever is longer); Java generator only",
                    true,
                    c -> ms(c.correctedP99Ms())),
            new Col(
                    "Errors",
                    "connect, read, write, timeout and non-2xx responses",
                    true,
                    c -> Formats.integer(c.errors())),
            new Col(
                    "Open",
                    "most connections the server held open at once (a slow acceptor may never hold them all)",
                    true,
                    c -> Formats.integer(c.peakOpenConnections())),
            new Col(
                    "Threads",
                    "most live platform threads in the server during the window",
                    true,
                    c -> Formats.integer(c.peakThreads())),
            new Col(
                    "Carriers",
                    "most virtual-thread carrier threads in the server",
                    true,
                    c -> Formats.integer(c.peakCarrierThreads())),
            new Col(
                    "RSS peak",
                    "highest resident set of the server process during the window",
                    true,
                    c -> bytes(c.peakRssBytes())),
            new Col(
                    "RSS/conn",
                    "(peak - idle resident set) / connections open at peak: memory committed per connection, heap growth included",
                    true,
                    c -> bytes(c.rssPerConnectionBytes())),
            new Col(
                    "Reserved/conn",
                    "(peak - idle virtual size) / connections open at peak: address space reserved per connection (thread stacks)",
                    true,
                    c -> bytes(c.vmSizePerConnectionBytes())),
            new Col(
                    "Heap committed",
                    "server heap committed at the end of the window",
                    true,
                    c -> bytes(c.heapCommittedBytes())),
            new Col(
                    "CPU/req",
                    "server CPU time (user + system) per response, µs",
                    true,
                    c -> c.cpuMicrosPerRequest() == null
                            ? Formats.MISSING
                            : Formats.number(c.cpuMicrosPerRequest()) + " µs"),
            new Col("Status", "ok, or why the cell failed", false, HttpCellResult::status));

    private final List<HttpCellResult> rows;
    private final List<String> implementations;

    /** Implementations in the order the cells first name them. */
    HttpTable(List<HttpCellResult> cells) {
        this(cells, List.of());
    }

    /** @param order the recorded implementation order (ids not in it go last, in run order) */
    HttpTable(List<HttpCellResult> cells, List<String> order) {
        Comparator<HttpCellResult> byImpl = Comparator.comparingInt(c -> {
            int i = order.indexOf(c.implementation());
            return i < 0 ? order.size() : i;
        });
        this.rows = cells.stream()
                .sorted(Comparator.comparingInt(HttpCellResult::connections)
                        .thenComparingInt(HttpCellResult::delayMs)
                        .thenComparing(byImpl)
                        .thenComparingInt(c -> generatorRank(c.generator())))
                .toList();
        Set<String> impls = new LinkedHashSet<>();
        rows.stream().sorted(byImpl).forEach(c -> impls.add(c.implementation()));
        this.implementations = List.copyOf(impls);
    }

    /** wrk, then its cross-check, then the paced Java generator. */
    static int generatorRank(String g) {
        return switch (g) {
            case "wrk" -> 0;
            case "java-burst" -> 1;
            case "java" -> 2;
            default -> 3;
        };
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    List<HttpCellResult> rows() {
        return rows;
    }

    List<String> implementations() {
        return implementations;
    }

    List<String> generators() {
        return rows.stream()
                .map(HttpCellResult::generator)
                .distinct()
                .sorted(Comparator.comparingInt(HttpTable::generatorRank))
                .toList();
    }

    List<Integer> delays() {
        return rows.stream().map(HttpCellResult::delayMs).distinct().sorted().toList();
    }

    long failedCount() {
        return rows.stream().filter(c -> !c.ok()).count();
    }

    HttpCellResult cell(String impl, int connections, int delayMs, String generator) {
        return rows.stream()
                .filter(c -> c.implementation().equals(impl)
                        && c.connections() == connections
                        && c.delayMs() == delayMs
                        && c.generator().equals(generator))
                .findFirst()
                .orElse(null);
    }

    /**
     * wrk against the Java generator wherever both measured a cell OK: against java-burst, which
     * measures as wrk does, where it ran; else against the paced java (then a connect burst that
     * the server's accept loop could not drain is a difference of method, and the note says so).
     */
    List<Agreement> agreements() {
        List<Agreement> out = new ArrayList<>();
        for (HttpCellResult w : rows) {
            if (!w.generator().equals("wrk") || !w.ok()) {
                continue;
            }
            HttpCellResult j = cell(w.implementation(), w.connections(), w.delayMs(), "java-burst");
            if (j == null || !j.ok()) {
                j = cell(w.implementation(), w.connections(), w.delayMs(), "java");
            }
            if (j == null || !j.ok()) {
                continue;
            }
            Double ratio = w.requestsPerSecond() == null || j.requestsPerSecond() == null || w.requestsPerSecond() == 0
                    ? null
                    : j.requestsPerSecond() / w.requestsPerSecond();
            Double diff = w.p50Ms() == null || j.p50Ms() == null ? null : j.p50Ms() - w.p50Ms();
            boolean rpsOk = ratio != null
                    && Math.abs(j.requestsPerSecond() - w.requestsPerSecond())
                            <= RPS_TOLERANCE * Math.max(j.requestsPerSecond(), w.requestsPerSecond());
            boolean p50Ok = diff != null
                    && Math.abs(diff) <= Math.max(P50_FLOOR_MS, P50_TOLERANCE * Math.max(w.p50Ms(), j.p50Ms()));
            out.add(new Agreement(
                    w.implementation(),
                    w.connections(),
                    w.delayMs(),
                    j.generator(),
                    ratio,
                    diff,
                    rpsOk && p50Ok,
                    rpsOk && p50Ok ? null : burstNote(w, j)));
        }
        return out;
    }

    /**
     * wrk opens every connection at once, from C, and its window includes that; the paced Java
     * generator keeps at most a few hundred connects pending and measures once all are open, and
     * even java-burst issues its connects from one Java thread, a gentler burst. A server whose accept
     * loop cannot drain a burst overflows the kernel's listen backlog: dropped SYNs are retried
     * after 1 s, 3 s, ..., which shows as a wrk p99 of seconds while the server held fewer
     * connections under wrk than the Java generator's run made it hold.
     */
    static String burstNote(HttpCellResult wrk, HttpCellResult java) {
        Integer heldWrk = wrk.peakOpenConnections();
        Integer heldJava = java.peakOpenConnections();
        if (heldWrk == null || heldJava == null) {
            return null;
        }
        double slowest = Math.max(wrk.p99Ms() == null ? 0 : wrk.p99Ms(), java.p99Ms() == null ? 0 : java.p99Ms());
        boolean wrkShort = heldWrk < 0.95 * heldJava && wrk.p99Ms() != null && wrk.p99Ms() >= 1000;
        boolean bothShort =
                heldWrk < 0.95 * wrk.connections() && heldJava < 0.95 * java.connections() && slowest >= 1000;
        if (wrkShort) {
            return String.format(
                    Locale.ROOT,
                    "wrk's connect burst: the server held at most %,d of %,d connections under wrk "
                            + "(%,d under %s), and wrk's p99 of %s includes SYN retries after the listen backlog overflowed",
                    heldWrk,
                    wrk.connections(),
                    heldJava,
                    java.generator(),
                    ms(wrk.p99Ms()));
        }
        if (bothShort) {
            return String.format(
                    Locale.ROOT,
                    "both connect bursts overflowed the listen backlog: the server held at most %,d of %,d "
                            + "connections under wrk and %,d under %s, so each measured a different server, and p99s of seconds are SYN retries",
                    heldWrk,
                    wrk.connections(),
                    heldJava,
                    java.generator());
        }
        return null;
    }

    static String tolerance() {
        return String.format(
                Locale.ROOT,
                "requests/s within %.0f%% of the larger and p50 within %.0f%% or %.0f ms, whichever is more",
                RPS_TOLERANCE * 100,
                P50_TOLERANCE * 100,
                P50_FLOOR_MS);
    }

    /**
     * What the numbers say about the seed's claim, one finding per line: threads and memory per
     * connection of the thread-per-connection server at the most connections measured, against
     * the claimed 1 MB of stack per thread, beside the async implementations.
     */
    List<String> findings() {
        List<String> out = new ArrayList<>();
        int most = rows.stream()
                .filter(HttpCellResult::ok)
                .mapToInt(HttpCellResult::connections)
                .max()
                .orElse(0);
        if (most == 0) {
            return out;
        }
        HttpCellResult blocking = best("blocking", most);
        if (blocking != null) {
            String reserved = blocking.vmSizePerConnectionBytes() == null
                    ? "unknown"
                    : bytes(blocking.vmSizePerConnectionBytes())
                            + String.format(
                                    Locale.ROOT,
                                    " (%.2f× the claimed 1 MB)",
                                    blocking.vmSizePerConnectionBytes() / CLAIMED_STACK_BYTES);
            String committed = blocking.rssPerConnectionBytes() == null
                    ? "unknown"
                    : bytes(blocking.rssPerConnectionBytes())
                            + String.format(
                                    Locale.ROOT,
                                    " (%.3f× the claimed 1 MB)",
                                    blocking.rssPerConnectionBytes() / CLAIMED_STACK_BYTES);
            out.add(String.format(
                    Locale.ROOT,
                    "Thread per connection at %,d connections (%s open at once at the server, under %s): %s platform threads at peak; "
                            + "address space reserved per connection %s; "
                            + "resident memory per connection %s. A thread's stack is reserved at -Xss (1 MB by default on Linux x64) "
                            + "but committed page by page as it is touched, so the claim's \"10,000 threads = ~10 GB\" holds for "
                            + "reserved address space, not for memory in use.",
                    most,
                    Formats.integer(blocking.peakOpenConnections()),
                    blocking.generator(),
                    Formats.integer(blocking.peakThreads()),
                    reserved,
                    committed));
        }
        for (String impl : implementations) {
            if (impl.equals("blocking")) {
                continue; // the thread-per-connection server: the finding above
            }
            HttpCellResult c = best(impl, most);
            if (c == null) {
                continue;
            }
            out.add(String.format(
                    Locale.ROOT,
                    "%s at %,d connections (%s open at once, under %s): %s platform threads%s at peak, "
                            + "resident memory per connection %s, %s requests/s, p99 %s.",
                    impl,
                    most,
                    Formats.integer(c.peakOpenConnections()),
                    c.generator(),
                    Formats.integer(c.peakThreads()),
                    c.peakCarrierThreads() != null && c.peakCarrierThreads() > 0
                            ? " (" + c.peakCarrierThreads() + " of them carriers)"
                            : "",
                    bytes(c.rssPerConnectionBytes()),
                    Formats.number(c.requestsPerSecond()),
                    ms(c.p99Ms())));
        }
        List<Agreement> agreements = agreements();
        if (!agreements.isEmpty()) {
            long agreed = agreements.stream().filter(Agreement::agree).count();
            long burst = agreements.stream()
                    .filter(a -> !a.agree() && a.note() != null)
                    .count();
            out.add(
                    agreed + " of " + agreements.size() + " cells measured by wrk and the Java generator agree ("
                            + tolerance() + ")"
                            + (burst == 0
                                    ? "."
                                    : "; " + burst + " of the others " + (burst == 1 ? "differs" : "differ")
                                            + " because a generator "
                                            + "opened all its connections at once and the server's accept loop did not keep up (see the agreement table)."));
        }
        return out;
    }

    /**
     * The cell of {@code impl} at {@code connections} in which the server held the most connections
     * at once (the claim is about connections held, and a connect burst can keep a slow acceptor
     * from ever holding them all); wrk's on a tie.
     */
    private HttpCellResult best(String impl, int connections) {
        HttpCellResult pick = null;
        for (HttpCellResult c : rows) {
            if (c.ok() && c.implementation().equals(impl) && c.connections() == connections) {
                if (pick == null
                        || held(c) > held(pick)
                        || (held(c) == held(pick) && c.generator().equals("wrk"))) {
                    pick = c;
                }
            }
        }
        return pick;
    }

    private static int held(HttpCellResult c) {
        return c.peakOpenConnections() == null ? 0 : c.peakOpenConnections();
    }

    static String ms(Double v) {
        return v == null ? Formats.MISSING : Formats.number(v) + " ms";
    }

    static String bytes(Number v) {
        return v == null ? Formats.MISSING : v.longValue() <= 0 ? "0 B" : Formats.bytes(v.longValue());
    }

    static String agreementText(Agreement a) {
        return (a.agree() ? "agree" : "disagree") + ": " + a.against() + "/wrk requests/s "
                + Formats.ratio(a.rpsRatio()) + ", p50 "
                + (a.p50DiffMs() == null
                        ? Formats.MISSING
                        : (a.p50DiffMs() >= 0 ? "+" : "") + Formats.number(a.p50DiffMs()) + " ms")
                + (a.note() == null ? "" : "; " + a.note());
    }
}
