package dev.awaitable.weaver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.CompletionSource;
import dev.awaitable.weaver.harness.ClassFiles;
import dev.awaitable.weaver.harness.Env;
import dev.awaitable.weaver.harness.WovenLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LocalVariableNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.util.CheckClassAdapter;

/** What the woven class files are, apart from how they run: verifiable, stable, named, debuggable. */
class WovenClassesTest {

    private static final String FIXTURES = "dev/awaitable/weaver/fixtures/";

    private static Map<String, byte[]> input;
    private static WeaveResult woven;

    @BeforeAll
    static void weave() {
        input = ClassFiles.ofPackage(FixtureSuite.PACKAGE);
        woven = new Weaver(ClassFiles::lookup).weave(input);
        assertThat(woven.errors()).isEmpty();
    }

    /** ASM's verifier (CheckClassAdapter with a SimpleVerifier over the woven classes) accepts every class written. */
    @Test
    void everyWovenClassVerifies() {
        WovenLoader loader = new WovenLoader(woven.classes());
        List<String> checked = new ArrayList<>();
        woven.classes().forEach((name, bytes) -> {
            if (bytes != input.get(name)) {
                StringWriter problems = new StringWriter();
                CheckClassAdapter.verify(new ClassReader(bytes), loader, false, new PrintWriter(problems));
                assertThat(problems.toString()).as(name).isEmpty();
                checked.add(name);
            }
        });
        assertThat(checked).contains(FIXTURES + "Sequential", FIXTURES + "Sequential$twoAwaits$Async0");
    }

    /** Weaving woven classes again changes nothing and generates nothing. */
    @Test
    void weavingTwiceIsTheIdentity() {
        WeaveResult again = new Weaver(ClassFiles::lookup).weave(woven.classes());
        assertThat(again.ok()).isTrue();
        assertThat(again.classes().keySet()).isEqualTo(woven.classes().keySet());
        woven.classes()
                .forEach((name, bytes) ->
                        assertThat(again.classes().get(name)).as(name).isEqualTo(bytes));
    }

    /** A class with no async body comes out as the very bytes that went in, whether or not it mentions Async. */
    @Test
    void classesWithoutBodiesAreUnchanged() {
        Map<String, byte[]> harness = ClassFiles.ofPackage("dev.awaitable.weaver.harness");
        WeaveResult result = new Weaver(ClassFiles::lookup).weave(harness);
        assertThat(result.classes().keySet()).isEqualTo(harness.keySet());
        harness.forEach(
                (name, bytes) -> assertThat(result.classes().get(name)).as(name).isSameAs(bytes));
        assertThat(Weaver.mayHaveBodies(harness.get("dev/awaitable/weaver/harness/FixtureRunner")))
                .as("the pre-filter lets a class that calls Async through to the full check")
                .isTrue();
        for (String unchanged : List.of("Constructions$Pair", "Switches$Shape", "TryCatch$Resource")) {
            assertThat(woven.classes().get(FIXTURES + unchanged)).isSameAs(input.get(FIXTURES + unchanged));
        }
    }

    /** Machines are named after the source method, keep the class-file version, and join the host's nest. */
    @Test
    void machinesAreNamedNestmatesOfTheirHost() {
        Set<String> machines = new TreeSet<>(woven.classes().keySet());
        machines.removeAll(input.keySet());
        assertThat(machines)
                .contains(
                        FIXTURES + "Sequential$twoAwaits$Async0",
                        FIXTURES + "Nesting$nestedRun$Async0",
                        FIXTURES + "Nesting$nestedRun$Async1",
                        FIXTURES + "Primitives$fortyTwo$Async0");
        ClassNode host = node(FIXTURES + "Sequential");
        ClassNode machine = node(FIXTURES + "Sequential$twoAwaits$Async0");
        assertThat(machine.version).isEqualTo(host.version);
        assertThat(machine.nestHostClass).isEqualTo(host.name);
        assertThat(host.nestMembers).contains(machine.name);
        assertThat(machine.sourceFile).isEqualTo("Sequential.java");
    }

    /** The fast path writes no spill field: every spill is in a suspension block, after the body's own code. */
    @Test
    void spillFieldsAreWrittenOnlyWhenSuspending() {
        for (String name : woven.classes().keySet()) {
            if (!name.contains("$Async")) {
                continue;
            }
            MethodNode moveNext = method(node(name), "moveNext");
            int firstSuspension = Integer.MAX_VALUE;
            for (AbstractInsnNode insn : moveNext.instructions) {
                if (insn instanceof JumpInsnNode jump
                        && insn.getOpcode() == Opcodes.IFEQ
                        && insn.getPrevious() instanceof org.objectweb.asm.tree.MethodInsnNode call
                        && call.name.equals("isCompleted")) {
                    firstSuspension = Math.min(firstSuspension, moveNext.instructions.indexOf(jump.label));
                }
            }
            for (AbstractInsnNode insn : moveNext.instructions) {
                if (insn instanceof FieldInsnNode f
                        && f.getOpcode() == Opcodes.PUTFIELD
                        && f.name.contains("$")
                        && !f.name.equals("this$0")) {
                    assertThat(moveNext.instructions.indexOf(insn))
                            .as(name + " writes " + f.name + " only while suspending")
                            .isGreaterThan(firstSuspension);
                }
            }
        }
        assertThat(fieldNames(node(FIXTURES + "Sequential$neverAwaits$Async0"))).noneMatch(f -> f.contains("$"));
    }

    /**
     * A suspension that holds fewer references than another nulls the spill fields it does not
     * use, so a value dead in the body is not kept reachable by the machine while it waits.
     */
    @Test
    void deadReferenceFieldsAreNulled() {
        MethodNode moveNext = method(node(FIXTURES + "Sequential$manyStates$Async0"), "moveNext");
        boolean nulls = false;
        for (AbstractInsnNode insn : moveNext.instructions) {
            nulls |= insn instanceof FieldInsnNode f
                    && f.getOpcode() == Opcodes.PUTFIELD
                    && f.name.startsWith("L$")
                    && insn.getPrevious().getOpcode() == Opcodes.ACONST_NULL;
        }
        assertThat(nulls).isTrue();
    }

    /** The body's local variable names survive in moveNext, and the machine says where it comes from. */
    @Test
    void debuggingInformationSurvives() throws Exception {
        MethodNode moveNext = method(node(FIXTURES + "Sequential$manyStates$Async0"), "moveNext");
        List<String> names = moveNext.localVariables.stream().map(l -> l.name).toList();
        assertThat(names).contains("this", "env", "total", "s", "o");
        for (LocalVariableNode local : moveNext.localVariables) {
            if (local.name.equals("this")) {
                assertThat(local.index).isZero();
            }
        }
        WovenLoader loader = new WovenLoader(woven.classes());
        Class<?> machine = loader.loadClass("dev.awaitable.weaver.fixtures.Sequential$twoAwaits$Async0");
        java.lang.reflect.Constructor<?> constructor = machine.getDeclaredConstructors()[0];
        constructor.setAccessible(true);
        Object instance = constructor.newInstance((Object) null);
        assertThat(instance.toString()).matches("Sequential\\.twoAwaits lambda \\(Sequential\\.java:\\d+\\)");
    }

    /** An exception thrown in a woven body has a stack trace naming the source file and line, as on loom. */
    @Test
    void stackTracesNameTheSourceLine() throws Exception {
        Method original =
                Class.forName("dev.awaitable.weaver.fixtures.Sequential").getMethod("throwsAfterAwait", Env.class);
        WovenLoader loader = new WovenLoader(woven.classes());
        Method wovenMethod =
                loader.loadClass("dev.awaitable.weaver.fixtures.Sequential").getMethod("throwsAfterAwait", Env.class);
        Env completed = new Env() {
            @Override
            public <T> Awaitable<T> next(T value) {
                return Awaitable.completed(value);
            }

            @Override
            public <T> Awaitable<T> fail(Exception failure) {
                return Awaitable.failed(failure);
            }

            @Override
            public void log(Object event) {}
        };
        Async.useBackend("loom");
        StackTraceElement onLoom = thrownBy(original, completed).getStackTrace()[0];
        Async.useBackend("statemachine");
        StackTraceElement woven = thrownBy(wovenMethod, completed).getStackTrace()[0];
        assertThat(woven.getClassName()).endsWith("Sequential$throwsAfterAwait$Async0");
        assertThat(woven.getMethodName()).isEqualTo("moveNext");
        assertThat(woven.getFileName()).isEqualTo("Sequential.java").isEqualTo(onLoom.getFileName());
        assertThat(woven.getLineNumber()).isPositive().isEqualTo(onLoom.getLineNumber());
    }

    /** On loom, woven classes create the original lambdas: no machine class is even loaded. */
    @Test
    void loomNeverLoadsAMachine() throws Exception {
        WovenLoader loader = new WovenLoader(woven.classes());
        Async.useBackend("loom");
        Method m = loader.loadClass("dev.awaitable.weaver.fixtures.Sequential").getMethod("neverAwaits", Env.class);
        Awaitable<?> result = (Awaitable<?>) m.invoke(null, new Env() {
            @Override
            public <T> Awaitable<T> next(T value) {
                return Awaitable.completed(value);
            }

            @Override
            public <T> Awaitable<T> fail(Exception failure) {
                return Awaitable.failed(failure);
            }

            @Override
            public void log(Object event) {}
        });
        assertThat(result.join()).isEqualTo(7);
        assertThat(loader.defined("dev.awaitable.weaver.fixtures.Sequential$neverAwaits$Async0"))
                .isFalse();
    }

    /** A woven body really suspends at a pending await, and resumes where it stopped when the awaited completes. */
    @Test
    void aWovenBodySuspendsAndResumes() throws Exception {
        WovenLoader loader = new WovenLoader(woven.classes());
        Method m = loader.loadClass("dev.awaitable.weaver.fixtures.Sequential").getMethod("twoAwaits", Env.class);
        List<CompletionSource<Object>> pending = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        List<Object> log = new ArrayList<>();
        Env manual = new Env() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> Awaitable<T> next(T value) {
                CompletionSource<Object> source = new CompletionSource<>();
                pending.add(source);
                values.add(value);
                return (Awaitable<T>) source.awaitable();
            }

            @Override
            public <T> Awaitable<T> fail(Exception failure) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void log(Object event) {
                log.add(event);
            }
        };
        Async.useBackend("statemachine");
        Awaitable<?> body = (Awaitable<?>) m.invoke(null, manual);
        assertThat(body.isCompleted()).isFalse();
        assertThat(pending).hasSize(1);
        pending.get(0).setResult(values.get(0));
        assertThat(log).containsExactly("got a");
        assertThat(body.isCompleted()).isFalse();
        pending.get(1).setResult(values.get(1));
        assertThat(body.join()).isEqualTo("a2");
        assertThat(log).containsExactly("got a", "got 2");
    }

    /**
     * Woven classes load, verify and run on a loom-only class path (no statemachine backend jar):
     * the host refers to its machines only on the branch that creates them.
     */
    @Test
    void wovenClassesRunWithoutTheStatemachineJar() throws Exception {
        WovenLoader loomOnly = new WovenLoader(woven.classes(), "dev.awaitable.statemachine.");
        Async.useBackend("loom");
        List<String> log = new ArrayList<>();
        Env completed = new Env() {
            @Override
            public <T> Awaitable<T> next(T value) {
                return Awaitable.completed(value);
            }

            @Override
            public <T> Awaitable<T> fail(Exception failure) {
                return Awaitable.failed(failure);
            }

            @Override
            public void log(Object event) {
                log.add(String.valueOf(event));
            }
        };
        for (String fixture : List.of("Sequential", "Loops", "TryCatch", "Nesting")) {
            Class<?> c = loomOnly.loadClass("dev.awaitable.weaver.fixtures." + fixture);
            for (Method m : dev.awaitable.weaver.harness.FixtureRunner.fixtures(c)) {
                Awaitable<?> a = (Awaitable<?>) m.invoke(null, completed);
                a.getAwaiter().onCompleted(() -> {});
                assertThat(a.exception() == null || !(a.exception() instanceof LinkageError))
                        .as(fixture + "." + m.getName())
                        .isTrue();
            }
        }
        assertThat(log).isNotEmpty();
        assertThatThrownBy(() -> loomOnly.loadClass("dev.awaitable.weaver.fixtures.Sequential$twoAwaits$Async0")
                        .getDeclaredMethods())
                .isInstanceOf(NoClassDefFoundError.class);
    }

    /** One body value started from several threads at once runs once per start, each run whole. */
    @Test
    void aSharedBodyValueStartsOneMachinePerStart() throws Exception {
        WovenLoader loader = new WovenLoader(woven.classes());
        Method task = loader.loadClass("dev.awaitable.weaver.fixtures.Nesting")
                .getDeclaredMethod("task", Env.class, int.class);
        task.setAccessible(true);
        Env completed = new Env() {
            @Override
            public <T> Awaitable<T> next(T value) {
                return Awaitable.completed(value);
            }

            @Override
            public <T> Awaitable<T> fail(Exception failure) {
                return Awaitable.failed(failure);
            }

            @Override
            public void log(Object event) {}
        };
        Async.useBackend("statemachine");
        for (int round = 0; round < 200; round++) {
            dev.awaitable.AsyncBody<?> shared = (dev.awaitable.AsyncBody<?>) task.invoke(null, completed, round);
            int expected = round * 10;
            java.util.concurrent.CyclicBarrier barrier = new java.util.concurrent.CyclicBarrier(4);
            List<java.util.concurrent.CompletableFuture<Object>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                results.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        barrier.await();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    return Async.run(shared).join();
                }));
            }
            for (java.util.concurrent.CompletableFuture<Object> r : results) {
                assertThat(r.get(10, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(expected);
            }
        }
    }

    private static Throwable thrownBy(Method fixture, Env env) throws Exception {
        Awaitable<?> body = (Awaitable<?>) fixture.invoke(null, env);
        try {
            body.join();
        } catch (IllegalStateException e) {
            return e;
        }
        throw new AssertionError("no exception");
    }

    private static ClassNode node(String name) {
        ClassNode node = new ClassNode();
        new ClassReader(woven.classes().get(name)).accept(node, 0);
        return node;
    }

    private static MethodNode method(ClassNode node, String name) {
        return node.methods.stream()
                .filter(m -> m.name.equals(name))
                .findFirst()
                .orElseThrow();
    }

    private static List<String> fieldNames(ClassNode node) {
        return node.fields.stream().map(f -> f.name).toList();
    }
}
