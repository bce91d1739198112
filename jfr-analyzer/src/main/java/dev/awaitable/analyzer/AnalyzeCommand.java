package dev.awaitable.analyzer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code ./awaitable analyze}: files one after another, each printed as soon as it is
 * analyzed, so a bad file later on the command line loses nothing printed before it. Every error
 * is one line on {@code err}; no stack trace reaches the user, whatever goes wrong.
 *
 * <p>JSON output streams too: a lone file prints one object; several print an array whose
 * elements are written as they are ready (bad files are left out, the array still closes).
 *
 * <p>{@code --html FILE} writes one page with every analysis (and comparison) that succeeded,
 * after the text or JSON; a page that cannot be written is one more error line.
 */
final class AnalyzeCommand {
    static final String PREFIX = "awaitable analyze: ";

    static final int OK = 0;
    static final int BAD_FILE = 1;
    static final int USAGE = 2;

    private final PrintStream out;
    private final PrintStream err;
    private int exit = OK;

    AnalyzeCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    int run(AnalyzeOptions options) {
        List<Path> files = options.files();
        boolean json = options.json();
        if (files == null || files.isEmpty()) {
            err.println(PREFIX + "no recording given; usage: awaitable analyze FILE.jfr [...] [--vs B.jfr] [--json]");
            return USAGE;
        }
        boolean oneCount = (options.operations() == null) != (options.vsOperations() == null);
        if (oneCount || (options.vs() == null && options.operations() != null)) {
            err.println(PREFIX + "--ops and --vs-ops go together, with --vs");
            return USAGE;
        }
        Analysis baseline = options.vs() == null ? null : analyze(options.vs());
        List<Analysis> analyses = new ArrayList<>();
        Comparison comparison = null;
        boolean array = json && files.size() > 1;
        if (array) {
            out.println("[");
        }
        boolean first = true;
        for (Path file : files) {
            Analysis a = analyze(file);
            if (a == null) {
                continue;
            }
            analyses.add(a);
            Object result = a;
            if (baseline != null) {
                comparison = Comparison.of(a, baseline, options.operations(), options.vsOperations());
                result = comparison;
            }
            String text;
            try {
                text = json
                        ? JfrAnalyzer.toJson(result)
                        : result instanceof Comparison c ? SideBySide.render(c) : TextReport.render(a);
            } catch (RuntimeException e) {
                fail("could not render " + file + ": " + JmcRules.reason(e));
                continue;
            }
            if (json) {
                out.print(array && !first ? ",\n" + text : text);
                if (!array) {
                    out.println();
                }
            } else {
                out.print(first ? text : "\n" + text);
            }
            out.flush();
            first = false;
        }
        if (array) {
            out.println(first ? "]" : "\n]");
        }
        out.flush();
        if (options.html() != null && !analyses.isEmpty()) {
            if (baseline != null) {
                analyses.add(baseline);
            }
            html(options.html(), analyses, analyses.size() == 2 && baseline != null ? comparison : null);
        }
        return exit;
    }

    /** The page; with several files against one baseline, the comparison shown is the last one's. */
    private void html(Path file, List<Analysis> analyses, Comparison comparison) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, HtmlAnalysis.render(analyses, comparison));
        } catch (IOException | RuntimeException e) {
            fail("could not write " + file + ": " + JmcRules.reason(e));
        }
    }

    /** The analysis, or null after one line on err. */
    private Analysis analyze(Path file) {
        try {
            return JfrAnalyzer.analyze(file);
        } catch (UnreadableRecordingException e) {
            fail(e.getMessage());
        } catch (OutOfMemoryError e) {
            fail("out of memory analyzing " + file + "; give the JVM more heap (-Xmx)");
        } catch (RuntimeException | LinkageError | StackOverflowError | InternalError e) {
            fail("could not analyze " + file + ": " + JmcRules.reason(e));
        }
        return null;
    }

    private void fail(String message) {
        err.println(PREFIX + UnreadableRecordingException.oneLine(message));
        err.flush();
        exit = BAD_FILE;
    }
}
