package dev.awaitable.reliability.weaving;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.SingleThreadContext;
import dev.awaitable.weaver.WeaveResult;
import dev.awaitable.weaver.Weaver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * Runs generated programs ({@link ProgramGen}) on up to three legs and compares what they saw:
 * the reference {@link Interpreter}; the compiled program unwoven on the loom backend; and the
 * compiled program woven by {@link Weaver} in memory, loaded in a fresh class loader, on the
 * statemachine backend (or on loom: woven classes must run there unchanged too). A run starts on
 * the harness's event loop or on the test's thread, as its {@link Schedule} says. A divergence is shrunk
 * ({@link ProgramShrinker}) and reported as the minimal program's Java source with every leg's
 * outcome and log.
 */
final class WeaveDifferential implements AutoCloseable {

    /** Upper bound for one run; a run that takes longer is reported as hung. */
    static final Duration WAIT = Duration.ofSeconds(10);
    /** Programs per javac call. */
    static final int BATCH = 100;

    private static final ClassLoader TEST_LOADER = WeaveDifferential.class.getClassLoader();

    /** A compiled program: its tree, its schedule, the release it was compiled for, its class files. */
    record Case(Program program, Schedule schedule, int release, Map<String, byte[]> classes) {}

    private final SingleThreadContext loop = SingleThreadContext.start("weaving-loop");
    private final Supplier<Interpreter> reference;
    /** The backend of the woven leg, or null for no woven leg. */
    private final String wovenBackend;

    private final Function<Map<String, byte[]>, WeaveResult> weaver;

    /**
     * @param reference makes the reference interpreter (a test plants a wrong one)
     * @param wovenBackend the backend to run the woven program on, or null for no woven leg
     */
    WeaveDifferential(Supplier<Interpreter> reference, String wovenBackend) {
        this(reference, wovenBackend, WeaveDifferential::weave);
    }

    /** With {@code weaver} in place of {@link Weaver} (a test plants a broken one). */
    WeaveDifferential(
            Supplier<Interpreter> reference, String wovenBackend, Function<Map<String, byte[]>, WeaveResult> weaver) {
        this.reference = reference;
        this.wovenBackend = wovenBackend;
        this.weaver = weaver;
    }

    /** Program {@code i} of the run seeded {@code seed}. */
    static Program program(long seed, int i) {
        return ProgramGen.generate(seed + i * 0x9E3779B97F4A7C15L, "P" + i);
    }

    static Schedule schedule(long seed, int i) {
        return Schedule.of(~(seed + i * 0x9E3779B97F4A7C15L));
    }

    /** The first {@code count} programs of {@code seed}, compiled, alternating --release 21 and this JDK's. */
    static List<Case> compile(long seed, int count) {
        List<Case> out = new ArrayList<>(count);
        for (int from = 0; from < count; from += BATCH) {
            List<Program> programs = new ArrayList<>();
            for (int i = from; i < Math.min(count, from + BATCH); i++) {
                programs.add(program(seed, i));
            }
            int first = from;
            out.addAll(compile(programs, release(from), i -> schedule(seed, first + i), true));
        }
        return out;
    }

    /** Program {@code i} of {@code seed} alone, compiled as in a whole run (to replay one program). */
    static Case compileOne(long seed, int i) {
        return compile(List.of(program(seed, i)), release(i), unused -> schedule(seed, i), true)
                .get(0);
    }

    private static int release(int index) {
        return (index / BATCH) % 2 == 0 ? 21 : Runtime.version().feature();
    }

    /**
     * Compiles {@code programs} in one javac call; a program that does not compile is a bug of
     * the generator or the printer, or (when {@code strict} is false) a shrinker's candidate
     * to skip (null in the result).
     */
    static List<Case> compile(List<Program> programs, int release, IntFunction<Schedule> schedules, boolean strict) {
        Map<String, String> sources = new LinkedHashMap<>();
        for (Program p : programs) {
            sources.put(p.binaryName(), JavaPrinter.print(p));
        }
        MemoryCompiler.Compiled compiled = MemoryCompiler.compile(sources, release);
        if (strict && !compiled.errors().isEmpty()) {
            String name = compiled.errors().keySet().iterator().next();
            throw new AssertionError("a generated program does not compile ("
                    + compiled.errors().get(name) + "):\n" + sources.get(name));
        }
        List<Case> out = new ArrayList<>(programs.size());
        for (int i = 0; i < programs.size(); i++) {
            Program p = programs.get(i);
            if (compiled.errors().containsKey(p.binaryName())) {
                out.add(null);
                continue;
            }
            Map<String, byte[]> classes = new LinkedHashMap<>();
            compiled.classes().forEach((name, bytes) -> {
                if (name.equals(p.internalName()) || name.startsWith(p.internalName() + "$")) {
                    classes.put(name, bytes);
                }
            });
            out.add(new Case(p, schedules.apply(i), release, Map.copyOf(classes)));
        }
        return out;
    }

    /** Every leg's view of one run of {@code c}: reference, loom, and woven if asked. */
    List<Observed> observe(Case c) {
        List<Observed> out = new ArrayList<>(3);
        out.add(onReference(c));
        out.add(onBackend("loom", "loom", c.classes(), c));
        if (wovenBackend != null) {
            out.add(onWoven(c));
        }
        return out;
    }

    static boolean agree(List<Observed> legs) {
        return legs.stream().allMatch(o -> o.sameAs(legs.get(0)));
    }

    private Observed onReference(Case c) {
        Log log = new Log();
        String outcome;
        try {
            outcome = Observed.returned(reference.get().run(c.program(), c.schedule(), log));
        } catch (RuntimeException e) {
            outcome = Observed.threw(e);
        }
        return new Observed("reference", outcome, log.entries());
    }

    private Observed onWoven(Case c) {
        String leg = "woven on " + wovenBackend;
        WeaveResult result;
        try {
            result = weaver.apply(c.classes());
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return new Observed(leg, "the weaver threw " + e, List.of());
        }
        if (!result.ok()) {
            return new Observed(leg, "the weaver refused it: " + result.errors(), List.of());
        }
        return onBackend(leg, wovenBackend, result.classes(), c);
    }

    /** {@code classes} woven in memory, frames computed from their own and the test JVM's class files. */
    static WeaveResult weave(Map<String, byte[]> classes) {
        return new Weaver(classpath(classes)).weave(classes);
    }

    /** Class files for the weaver's frame computation: the program's own, then the test JVM's (JDK included). */
    static Function<String, byte[]> classpath(Map<String, byte[]> own) {
        return name -> {
            byte[] bytes = own.get(name);
            if (bytes != null) {
                return bytes;
            }
            try (InputStream in = TEST_LOADER.getResourceAsStream(name + ".class")) {
                return in == null ? null : in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    private Observed onBackend(String leg, String backend, Map<String, byte[]> classes, Case c) {
        Async.useBackend(backend);
        Log log = new Log();
        String outcome;
        try {
            Class<?> type = new MemoryClassLoader(classes).loadClass(c.program().binaryName());
            GeneratedProgram program =
                    (GeneratedProgram) type.getDeclaredConstructor().newInstance();
            Src src = new Src(c.schedule(), loop);
            Awaitable<String> body = c.schedule().onLoop()
                    ? loop.submit(() -> program.start(src, log)).join(WAIT)
                    : program.start(src, log);
            outcome = Observed.returned(body.join(WAIT));
        } catch (TimeoutException e) {
            outcome = "hung: " + e.getMessage();
        } catch (ReflectiveOperationException | LinkageError e) {
            outcome = "could not load: " + e;
        } catch (RuntimeException e) {
            outcome = Observed.threw(e);
        }
        return new Observed(leg, outcome, log.entries());
    }

    /**
     * The index of the first of {@code candidates} that still diverges under {@code schedule},
     * compiled together for {@code release}; candidates javac rejects do not count.
     */
    int firstDiverging(List<Program> candidates, Schedule schedule, int release) {
        List<Program> named = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            named.add(candidates.get(i).withName("S" + i));
        }
        List<Case> cases = compile(named, release, i -> schedule, false);
        for (int i = 0; i < cases.size(); i++) {
            if (cases.get(i) != null && !agree(observe(cases.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    /** The diverging {@code c} shrunk, with its source and every leg's outcome, for a failure message. */
    String shrinkAndReport(Case c) {
        Program minimal = ProgramShrinker.shrink(c.program(), batch -> firstDiverging(batch, c.schedule(), c.release()))
                .withName("Minimal");
        List<Case> again = compile(List.of(minimal), c.release(), i -> c.schedule(), false);
        StringBuilder out = new StringBuilder();
        out.append("minimal diverging program (")
                .append(ProgramShrinker.size(minimal))
                .append(" nodes, shrunk from program ")
                .append(c.program().className())
                .append(" of ")
                .append(ProgramShrinker.size(c.program()))
                .append("; schedule ")
                .append(c.schedule())
                .append(", --release ")
                .append(c.release())
                .append("):\n\n")
                .append(JavaPrinter.print(minimal))
                .append('\n');
        if (again.get(0) == null) {
            out.append("(the minimal program no longer compiles)\n");
        } else {
            for (Observed o : observe(again.get(0))) {
                out.append("  ").append(o).append('\n');
            }
        }
        out.append("\nthe original program's legs:\n");
        for (Observed o : observe(c)) {
            out.append("  ").append(o).append('\n');
        }
        return out.toString();
    }

    @Override
    public void close() {
        loop.close();
    }
}
