package dev.awaitable.analyzer;

import java.io.File;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.openjdk.jmc.common.IMCMethod;
import org.openjdk.jmc.common.IMCThread;
import org.openjdk.jmc.common.item.IItemCollection;
import org.openjdk.jmc.common.unit.IQuantity;
import org.openjdk.jmc.common.util.IPreferenceValueProvider;
import org.openjdk.jmc.flightrecorder.JfrLoaderToolkit;
import org.openjdk.jmc.flightrecorder.rules.DependsOn;
import org.openjdk.jmc.flightrecorder.rules.IResult;
import org.openjdk.jmc.flightrecorder.rules.IResultValueProvider;
import org.openjdk.jmc.flightrecorder.rules.IRule;
import org.openjdk.jmc.flightrecorder.rules.ResultProvider;
import org.openjdk.jmc.flightrecorder.rules.ResultToolkit;
import org.openjdk.jmc.flightrecorder.rules.RuleRegistry;
import org.openjdk.jmc.flightrecorder.rules.Severity;
import org.openjdk.jmc.flightrecorder.rules.TypedCollectionResult;
import org.openjdk.jmc.flightrecorder.rules.TypedResult;
import org.openjdk.jmc.flightrecorder.rules.jdk.memory.AllocationByThreadRule;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit;
import org.openjdk.jmc.flightrecorder.rules.util.RulesToolkit.EventAvailability;

/**
 * Runs JMC's automated analysis rules ({@code flightrecorder.rules.jdk}) on a recording, the way
 * JMC's {@code RulesToolkit.evaluateParallel} does, but so that no rule can break the analysis:
 *
 * <ul>
 *   <li>A rule whose required events are missing is "n/a" with the missing event types named,
 *       without running it.
 *   <li>A rule annotated {@link DependsOn} runs after its dependency, and only if the dependency
 *       reached the required severity; its dependency's result is visible to it through a shared
 *       {@link ResultProvider}.
 *   <li>A rule that throws, or is still running at the deadline, becomes an "n/a: reason" entry.
 *       Rules run on daemon threads, so one that never returns cannot keep the JVM alive.
 * </ul>
 *
 * <p>JMC logs through {@code java.util.logging} (e.g. parser warnings about fields it does not
 * know in newer JDKs' events), which would reach the terminal as noise around our output; its
 * loggers are silenced while rules run (see {@link JmcLogging}). A lock serializes evaluations.
 */
final class JmcRules {
    /** Deadline for all rules of one recording; {@code -Dawaitable.analyze.jmcTimeoutSeconds}. */
    static final long TIMEOUT_SECONDS = Long.getLong("awaitable.analyze.jmcTimeoutSeconds", 120);

    /** JMC's "Thrown Errors" rule, which counts the JDK's own linkage errors as the application's. */
    static final String ERRORS = "Errors";
    /** JMC's "Allocations by thread" rule, whose text leaves a virtual thread's empty name and its frames out. */
    static final String ALLOCATIONS_BY_THREAD = "Allocations.thread";

    private static final int MAX_FRAMES_IN_TEXT = 3;

    private static final Object LOCK = new Object();

    private JmcRules() {}

    /** Rule results, one per rule; never throws. */
    static List<RuleResult> evaluate(File file) {
        synchronized (LOCK) {
            Object restore = JmcLogging.silence();
            try {
                return evaluateQuietly(file);
            } finally {
                JmcLogging.restore(restore);
            }
        }
    }

    private static List<RuleResult> evaluateQuietly(File file) {
        IItemCollection items;
        try {
            items = JfrLoaderToolkit.loadEvents(file);
        } catch (Exception | LinkageError | StackOverflowError | OutOfMemoryError e) {
            return List.of(failed("jmc", "JMC automated analysis", "", "could not load the recording: " + reason(e)));
        }
        List<IRule> rules;
        try {
            rules = new ArrayList<>(RuleRegistry.getRules());
        } catch (RuntimeException | LinkageError e) {
            return List.of(failed("jmc", "JMC automated analysis", "", "could not load the rules: " + reason(e)));
        }
        rules.sort(Comparator.comparing(IRule::getId));

        ExecutorService pool = Executors.newFixedThreadPool(
                Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())), r -> {
                    Thread t = new Thread(r, "awaitable-jmc-rules");
                    t.setDaemon(true);
                    return t;
                });
        try {
            Evaluation ev = new Evaluation(items, rules, pool);
            Map<IRule, CompletableFuture<RuleResult>> futures = new HashMap<>();
            for (IRule rule : rules) {
                futures.put(rule, ev.resultOf(rule));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            List<RuleResult> results = new ArrayList<>(rules.size());
            for (IRule rule : rules) {
                results.add(await(rule, futures.get(rule), deadline));
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    private static RuleResult await(IRule rule, CompletableFuture<RuleResult> future, long deadline) {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            return failed(rule, "timed out after " + TIMEOUT_SECONDS + " s");
        } catch (ExecutionException e) {
            return failed(rule, "rule failed: " + reason(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(rule, "interrupted");
        }
    }

    /** The futures of one recording's rules, dependencies first. */
    private static final class Evaluation {
        private final IItemCollection items;
        private final Map<Class<?>, IRule> byClass = new HashMap<>();
        private final ExecutorService pool;
        private final ResultProvider provider = new ResultProvider();
        private final Map<IRule, CompletableFuture<IResult>> raw = new HashMap<>();

        Evaluation(IItemCollection items, List<IRule> rules, ExecutorService pool) {
            this.items = items;
            this.pool = pool;
            rules.forEach(r -> byClass.put(r.getClass(), r));
        }

        CompletableFuture<RuleResult> resultOf(IRule rule) {
            String missing = missingEvents(rule);
            if (missing != null) {
                return CompletableFuture.completedFuture(
                        notApplicable(rule, "n/a: the recording lacks events this rule needs (" + missing + ")"));
            }
            DependsOn dep = rule.getClass().getAnnotation(DependsOn.class);
            if (dep == null) {
                return raw(rule).thenApply(JmcRules::toResult);
            }
            IRule dependency = byClass.get(dep.value());
            if (dependency == null || missingEvents(dependency) != null) {
                return CompletableFuture.completedFuture(
                        notApplicable(rule, "n/a: depends on " + dep.value().getSimpleName() + ", which did not run"));
            }
            return raw(dependency).handle((depResult, error) -> depResult).thenCompose(depResult -> {
                if (depResult == null || severityOf(depResult).compareTo(dep.severity()) < 0) {
                    return CompletableFuture.completedFuture(notApplicable(
                            rule,
                            "n/a: skipped, " + dep.value().getSimpleName() + " did not reach "
                                    + dep.severity().name()));
                }
                return raw(rule).thenApply(JmcRules::toResult);
            });
        }

        /** At most one evaluation per rule, also when several rules depend on it. */
        private synchronized CompletableFuture<IResult> raw(IRule rule) {
            return raw.computeIfAbsent(rule, r -> CompletableFuture.supplyAsync(() -> run(r), pool));
        }

        private IResult run(IRule rule) {
            try {
                RunnableFuture<IResult> f = rule.createEvaluation(
                        items, IPreferenceValueProvider.DEFAULT_VALUES, new SharedResults(provider));
                f.run();
                IResult result = f.get();
                synchronized (provider) {
                    provider.addResults(result);
                }
                return result;
            } catch (ExecutionException e) {
                throw new RuleFailure(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RuleFailure(e);
            }
        }

        private String missingEvents(IRule rule) {
            Set<String> missing = new LinkedHashSet<>();
            try {
                Map<String, EventAvailability> required = rule.getRequiredEvents();
                if (required == null || RulesToolkit.matchesEventAvailabilityMap(items, required)) {
                    return null;
                }
                required.forEach((type, needed) -> {
                    if (RulesToolkit.getEventAvailability(items, type).isLessAvailableThan(needed)) {
                        missing.add(type);
                    }
                });
            } catch (RuntimeException e) {
                return null; // let the rule itself decide (and fail visibly if it must)
            }
            return missing.isEmpty() ? "required events" : String.join(", ", missing);
        }
    }

    /** JMC's {@link ResultProvider} is a plain map; rules on several threads read it while others add. */
    private record SharedResults(ResultProvider provider) implements IResultValueProvider {
        @Override
        public <T> T getResultValue(TypedResult<T> result) {
            synchronized (provider) {
                return provider.getResultValue(result);
            }
        }

        @Override
        public <T> Collection<T> getResultValue(TypedCollectionResult<T> result) {
            synchronized (provider) {
                return provider.getResultValue(result);
            }
        }

        @Override
        public TypedResult<?> getResultByIdentifier(String identifier) {
            synchronized (provider) {
                return provider.getResultByIdentifier(identifier);
            }
        }
    }

    /** Carries a rule's own exception out of the pool as the cause. */
    private static final class RuleFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RuleFailure(Throwable cause) {
            super(null, cause, false, false);
        }
    }

    /* ---------------- JMC results to ours ---------------- */

    private static RuleResult toResult(IResult r) {
        IRule rule = r.getRule();
        Severity s = severityOf(r);
        Double score = null;
        try {
            IQuantity q = r.getResult(TypedResult.SCORE);
            if (q != null) {
                score = q.doubleValue();
            } else if (s != Severity.NA && s != Severity.IGNORE) {
                score = s.getLimit();
            }
        } catch (RuntimeException e) {
            // no score: keep null
        }
        String summary = s == Severity.INFO || s == Severity.WARNING ? allocationsByThread(r) : null;
        return new RuleResult(
                RuleResult.JMC,
                rule.getId(),
                rule.getName(),
                rule.getTopic(),
                convert(s),
                score,
                summary == null ? summary(r) : summary,
                false);
    }

    /**
     * The allocations-by-thread finding as a sentence: JMC's template is "by thread '{name}' at:
     * {frames}", which reads "by thread '' at:" for a virtual thread (no name) when the frames do
     * not render as text. Null when this is not that rule or its results are not there.
     */
    private static String allocationsByThread(IResult r) {
        if (!ALLOCATIONS_BY_THREAD.equals(r.getRule().getId())) {
            return null;
        }
        try {
            IMCThread t = r.getResult(AllocationByThreadRule.MOST_ALLOCATING_THREAD);
            if (t == null) {
                return null;
            }
            Collection<IMCMethod> frames = r.getResult(AllocationByThreadRule.ALLOCATION_FRAMES);
            String name = t.getThreadName();
            // JMC's thread has no virtual flag; a thread without a name in a recording is a virtual one.
            String who = ThreadGroups.describe(name, t.getThreadId(), name == null || name.isBlank());
            StringBuilder sb = new StringBuilder("The most allocations were likely done by ").append(who);
            List<String> names = new ArrayList<>();
            if (frames != null) {
                for (IMCMethod m : frames) {
                    if (m != null && m.getType() != null && names.size() < MAX_FRAMES_IN_TEXT) {
                        names.add(m.getType().getFullName() + "." + m.getMethodName());
                    }
                }
            }
            if (!names.isEmpty()) {
                sb.append(", in ").append(String.join(", ", names));
            }
            return sb.append('.').toString();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * JMC's thrown-errors result with the JDK's internal errors told apart (see
     * {@link Analysis.ThrownErrors}): when all errors were those, it is no finding (ok) and says
     * so with the count; otherwise the count of the application's errors leads the text.
     */
    static RuleResult withoutJdkInternal(RuleResult r, Analysis.ThrownErrors errors) {
        if (errors == null
                || errors.jdkInternal() == 0
                || (r.severity() != RuleResult.Severity.WARNING && r.severity() != RuleResult.Severity.INFO)) {
            return r;
        }
        long own = errors.count() - errors.jdkInternal();
        String linkage = errors.jdkInternal()
                + " JDK-internal error(s) are left out (NoSuchMethodError, IncompatibleClassChangeError and the like, made"
                + " and caught by java.lang.invoke while it links lambdas and string concatenation, and errors of the"
                + " JDK's private classes)";
        if (own == 0) {
            return new RuleResult(
                    r.source(),
                    r.id(),
                    r.name(),
                    r.topic(),
                    RuleResult.Severity.OK,
                    0.0,
                    "The application threw no Errors; " + linkage + ".",
                    false);
        }
        String top = errors.byClass().isEmpty()
                ? ""
                : ", most often " + errors.byClass().get(0).name() + " ("
                        + errors.byClass().get(0).count() + ")";
        return new RuleResult(
                r.source(),
                r.id(),
                r.name(),
                r.topic(),
                r.severity(),
                r.score(),
                "The application threw " + own + " Error(s)" + top + "; " + linkage + ". JMC: " + r.summary(),
                false);
    }

    private static Severity severityOf(IResult r) {
        Severity s = r.getSeverity();
        return s == null ? Severity.NA : s;
    }

    /** JMC's summary with its placeholders filled in, as plain text. */
    private static String summary(IResult r) {
        String text;
        try {
            text = r.getSummary() == null ? null : ResultToolkit.populateMessage(r, r.getSummary(), false);
        } catch (RuntimeException e) {
            text = r.getSummary();
        }
        if (text == null || text.isBlank() || "null".equals(text)) {
            return null;
        }
        // populateMessage runs MessageFormat over the text, and leaves its escaped quotes doubled.
        return sentence(UnreadableRecordingException.oneLine(text.replace("''", "'")));
    }

    /**
     * A rule's text as a sentence: a placeholder that rendered empty leaves "thread ''" (a virtual
     * thread has no name) or a dangling "at:" at the end; both are mended here for any rule.
     */
    static String sentence(String text) {
        // A list JMC joins with bare commas ("skip(long),boolean drain(long)") gets its spaces.
        String t = text.replace("thread ''", "an unnamed (virtual) thread")
                .replaceAll(",(?=[A-Za-z])", ", ")
                .strip();
        while (t.endsWith(":")) {
            t = t.substring(0, t.length() - 1).strip();
            if (t.endsWith(" at")) {
                t = t.substring(0, t.length() - 3).strip();
            }
        }
        return t.isEmpty() || t.endsWith(".") || t.endsWith("!") || t.endsWith("?") ? t : t + ".";
    }

    private static RuleResult.Severity convert(Severity s) {
        return switch (s) {
            case WARNING -> RuleResult.Severity.WARNING;
            case INFO -> RuleResult.Severity.INFO;
            case OK -> RuleResult.Severity.OK;
            case NA -> RuleResult.Severity.NA;
            case IGNORE -> RuleResult.Severity.IGNORE;
            default -> throw new IllegalStateException("JMC severity " + s);
        };
    }

    private static RuleResult notApplicable(IRule rule, String summary) {
        return new RuleResult(
                RuleResult.JMC,
                rule.getId(),
                rule.getName(),
                rule.getTopic(),
                RuleResult.Severity.NA,
                null,
                summary,
                false);
    }

    private static RuleResult failed(IRule rule, String reason) {
        return failed(rule.getId(), rule.getName(), rule.getTopic(), reason);
    }

    private static RuleResult failed(String id, String name, String topic, String reason) {
        return new RuleResult(
                RuleResult.JMC,
                id,
                name,
                topic,
                RuleResult.Severity.NA,
                null,
                "n/a: " + UnreadableRecordingException.oneLine(reason),
                true);
    }

    static String reason(Throwable t) {
        while ((t instanceof RuleFailure || t instanceof ExecutionException || t instanceof CompletionException)
                && t.getCause() != null) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + m);
    }
}
