package dev.awaitable.analyzer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Analyzes JFR recordings, ours or anyone's: {@code ./awaitable analyze FILE.jfr [...]}.
 *
 * <p>One recording is read twice: once event by event with {@code jdk.jfr.consumer.RecordingFile}
 * for our numbers (Awaitable's events, pinning, allocation, GC, parking), once by JMC's parser for
 * its automated analysis rules. Then our own rules judge what JMC does not look at.
 *
 * <p>A file that is not a usable recording fails fast with an {@link UnreadableRecordingException}
 * carrying one line for the user; a failure inside JMC's rules only ever becomes an "n/a" rule
 * result.
 */
public final class JfrAnalyzer {
    private static final byte[] MAGIC = {'F', 'L', 'R', 0};

    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private JfrAnalyzer() {}

    /* ---------------- Analysis ---------------- */

    /** Analyzes {@code file} with every rule, JMC's included. */
    public static Analysis analyze(Path file) throws UnreadableRecordingException {
        return analyze(file, true);
    }

    /**
     * Analyzes {@code file}; {@code jmcRules = false} skips JMC's rules (and its second parse of
     * the file), for callers that analyze many recordings and need only the numbers.
     */
    public static Analysis analyze(Path file, boolean jmcRules) throws UnreadableRecordingException {
        long size = checkReadable(file);
        RecordingScan scan = new RecordingScan();
        try {
            scan.read(file);
        } catch (NoSuchFileException e) {
            throw new UnreadableRecordingException(file, "no such file: " + file);
        } catch (AccessDeniedException e) {
            throw new UnreadableRecordingException(file, "cannot read " + file + ": permission denied");
        } catch (IOException | RuntimeException | InternalError | StackOverflowError e) {
            // RecordingFile reports a cut-off file as EOFException or as whatever it tripped over
            // first; the chunk headers tell truncation from damage.
            long declared = declaredSize(file);
            String what = declared > size
                    ? "truncated JFR recording: " + file + " (" + size + " of " + declared + " bytes)"
                    : e instanceof EOFException
                            ? "truncated JFR recording: " + file + " (" + JmcRules.reason(e) + ")"
                            : "corrupt JFR recording: " + file + " (" + JmcRules.reason(e) + ")";
            throw new UnreadableRecordingException(file, what);
        }
        List<String> notes = new ArrayList<>();
        String missingSettings = scan.missingSettings();
        if (missingSettings != null) {
            notes.add(missingSettings);
        }
        Analysis partial = new Analysis(
                file.toString(),
                scan.recordingInfo(size),
                scan.awaits(),
                scan.pinning(),
                scan.allocations(),
                scan.gc(),
                scan.parking(),
                scan.virtualThreads(),
                scan.faults(),
                scan.cpu(),
                scan.contention(),
                scan.sleeps(),
                scan.sockets(),
                scan.latencies(),
                scan.coverage(),
                scan.errors(),
                List.of(),
                notes);
        List<RuleResult> rules = new ArrayList<>(AwaitableRules.evaluate(partial));
        if (jmcRules) {
            for (RuleResult r : JmcRules.evaluate(file.toFile())) {
                rules.add(JmcRules.ERRORS.equals(r.id()) ? JmcRules.withoutJdkInternal(r, partial.errors()) : r);
            }
        } else {
            notes.add("JMC rules not evaluated");
        }
        rules.sort(RULE_ORDER);
        return partial.withRules(List.copyOf(rules), List.copyOf(notes));
    }

    /** Most severe first; within a severity by score, ours before JMC's, then by id. Failed rules last. */
    static final Comparator<RuleResult> RULE_ORDER = Comparator.comparing(RuleResult::failed)
            .thenComparing(RuleResult::severity)
            .thenComparingDouble(r -> r.score() == null ? 0 : -r.score())
            .thenComparingInt(r -> RuleResult.AWAITABLE.equals(r.source()) ? 0 : 1)
            .thenComparing(RuleResult::id);

    /** The report's per-cell summary of {@code a}; per-operation fields are null without {@code operations}. */
    public static JfrHighlights highlights(Analysis a, String relativePath, Long operations) {
        return Highlights.of(a, relativePath, operations);
    }

    /**
     * {@code a} against {@code b}: every metric per second (and per operation, with both operation
     * counts or both recordings' Awaitable statistics) with the ratio b / a and the better side.
     */
    public static Comparison compare(Analysis a, Analysis b, Long aOperations, Long bOperations) {
        return Comparison.of(a, b, aOperations, bOperations);
    }

    /* ---------------- Rendering ---------------- */

    /** The terminal summary of one analysis. */
    public static String toText(Analysis a) {
        return TextReport.render(a);
    }

    /** The terminal table of a comparison. */
    public static String toText(Comparison c) {
        return SideBySide.render(c);
    }

    /** An {@link Analysis}, {@link Comparison} or list of them as indented JSON. */
    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads back what {@link #toJson} wrote for one analysis. */
    public static Analysis fromJson(String json) throws IOException {
        return JSON.readValue(json, Analysis.class);
    }

    /* ---------------- Command line ---------------- */

    /**
     * {@code ./awaitable analyze FILE.jfr [...] [--vs B.jfr [--ops N --vs-ops M]] [--json] [--html PAGE]}:
     * analyzes each file in turn and prints it (or, with {@code vs}, prints it side by side with
     * {@code vs}, per second and per operation). A bad file is one line on {@code err},
     * {@code awaitable analyze: <what is wrong>}, and makes the exit code 1; the other files are
     * still analyzed and printed.
     *
     * <p>With {@code json}, one file prints one JSON object (an {@link Analysis}, or a
     * {@link Comparison} with {@code vs}); several files print one array of them, bad files left out.
     * With {@code html}, the analyses (and the comparison) are also written as one page.
     *
     * @return 0 when every file was analyzed, 1 when any was bad, 2 on a usage error
     */
    public static int analyzeCommand(AnalyzeOptions options, PrintStream out, PrintStream err) {
        return new AnalyzeCommand(out, err).run(options);
    }

    /** The analyses, and a comparison of the first with the second when given, as one self-contained HTML page. */
    public static String toHtml(List<Analysis> analyses, Comparison comparison) {
        return HtmlAnalysis.render(analyses, comparison);
    }

    /* ---------------- Input checks ---------------- */

    /** Offset of a chunk's size in its header: magic (4), major and minor version (2 + 2). */
    private static final int CHUNK_SIZE_OFFSET = 8;
    /** JFR's file format is at major version 2 (JDK 11+); leave room for a few more. */
    private static final int MAX_MAJOR_VERSION = 9;

    /**
     * The bytes the file's chunk headers add up to, following each chunk's size to the next
     * header; -1 when the headers make no sense (then the file is corrupt, not cut off).
     */
    static long declaredSize(Path file) {
        try (FileChannel ch = FileChannel.open(file)) {
            long size = ch.size();
            long offset = 0;
            ByteBuffer header = ByteBuffer.allocate(CHUNK_SIZE_OFFSET + Long.BYTES);
            while (offset < size) {
                header.clear();
                if (ch.read(header, offset) < header.capacity()) {
                    return size + 1; // a header cut short
                }
                for (int i = 0; i < MAGIC.length; i++) {
                    if (header.get(i) != MAGIC[i]) {
                        return -1;
                    }
                }
                short major = header.getShort(MAGIC.length);
                if (major < 1 || major > MAX_MAJOR_VERSION) {
                    return -1; // noise after the magic bytes
                }
                long chunk = header.getLong(CHUNK_SIZE_OFFSET);
                if (chunk <= 0) {
                    return -1;
                }
                offset += chunk;
            }
            return offset;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The file's size, if it exists, is readable, not empty and starts like a JFR recording. */
    private static long checkReadable(Path file) throws UnreadableRecordingException {
        if (!Files.exists(file)) {
            throw new UnreadableRecordingException(file, "no such file: " + file);
        }
        if (Files.isDirectory(file)) {
            throw new UnreadableRecordingException(file, "a directory, not a JFR recording: " + file);
        }
        long size;
        byte[] head = new byte[MAGIC.length];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            n = in.readNBytes(head, 0, head.length);
        } catch (AccessDeniedException e) {
            throw new UnreadableRecordingException(file, "cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw new UnreadableRecordingException(file, "cannot read " + file + ": " + JmcRules.reason(e));
        }
        if (size == 0) {
            throw new UnreadableRecordingException(file, "empty file, not a JFR recording: " + file);
        }
        if (n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
            throw new UnreadableRecordingException(
                    file, "gzip-compressed, not a JFR recording (gunzip it first): " + file);
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (i >= n || head[i] != MAGIC[i]) {
                throw new UnreadableRecordingException(file, "not a JFR recording: " + file);
            }
        }
        return size;
    }
}
