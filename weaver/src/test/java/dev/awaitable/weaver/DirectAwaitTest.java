package dev.awaitable.weaver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.weaver.direct.DirectAwaits;
import dev.awaitable.weaver.harness.ClassFiles;
import dev.awaitable.weaver.harness.WovenLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * A machine awaits an {@code Awaitable} (with or without rethrow classes) with the calls a
 * hand-written machine makes: its final {@code getAwaiter}, {@code isCompleted} and
 * {@code getResult}, and {@code awaitOnCompleted(Awaitable, ...)}; any other awaitable, or an await
 * with a token, goes through {@code WovenAwait} and the {@code Awaiter} interface. A null rethrow
 * class fails as {@code WovenAwait} fails. (That both paths run alike is the fixtures' business.)
 */
class DirectAwaitTest {

    private static final String HOST = "dev/awaitable/weaver/direct/DirectAwaits";

    @ParameterizedTest
    @ValueSource(strings = {"awaitable", "withRethrows", "withTwoRethrows"})
    void anAwaitableIsAwaitedDirectly(String body) {
        assertThat(calls(body))
                .contains(
                        "dev/awaitable/Awaitable.getAwaiter",
                        "dev/awaitable/Awaitable.isCompleted",
                        "dev/awaitable/Awaitable.getResult",
                        "dev/awaitable/statemachine/AsyncMethodBuilder.awaitOnCompleted"
                                + "(Ldev/awaitable/Awaitable;Ldev/awaitable/statemachine/AsyncStateMachine;)V")
                .noneMatch(c -> c.startsWith("dev/awaitable/statemachine/WovenAwait")
                        || c.startsWith("dev/awaitable/Awaiter."));
    }

    @Test
    void otherAwaitsGoThroughTheAwaiter() {
        for (String body : List.of("valueAwaitable", "withToken")) {
            assertThat(calls(body))
                    .as(body)
                    .contains(
                            "dev/awaitable/statemachine/WovenAwait.awaiter",
                            "dev/awaitable/Awaiter.isCompleted",
                            "dev/awaitable/Awaiter.getResult",
                            "dev/awaitable/statemachine/AsyncMethodBuilder.awaitOnCompleted"
                                    + "(Ldev/awaitable/Awaiter;Ldev/awaitable/statemachine/AsyncStateMachine;)V")
                    .doesNotContain("dev/awaitable/Awaitable.getAwaiter");
        }
    }

    /** A null rethrow class is refused before anything is awaited, with WovenAwait's message. */
    @Test
    void aNullRethrowClassFailsAsWovenAwaitDoes() throws Exception {
        Map<String, byte[]> woven = new Weaver(ClassFiles::lookup)
                .weave(ClassFiles.ofNest(DirectAwaits.class))
                .classes();
        WovenLoader loader = new WovenLoader(woven);
        try {
            dev.awaitable.Async.useBackend("statemachine");
            Class<?> host = loader.loadClass(DirectAwaits.class.getName());
            java.lang.reflect.Method m = host.getMethod("nullRethrows", dev.awaitable.Awaitable.class);
            dev.awaitable.Awaitable<?> r =
                    (dev.awaitable.Awaitable<?>) m.invoke(null, dev.awaitable.Awaitable.completed(1));
            assertThat(r.isFaulted()).isTrue();
            assertThat(r.exception()).isInstanceOf(NullPointerException.class).hasMessage("rethrows");
        } finally {
            dev.awaitable.Async.useBackend("loom");
        }
    }

    /** The calls of the machine's moveNext, {@code owner.name}, and {@code owner.name desc} for awaitOnCompleted. */
    private static List<String> calls(String body) {
        WeaveResult result = new Weaver(ClassFiles::lookup).weave(ClassFiles.ofNest(DirectAwaits.class));
        assertThat(result.errors()).isEmpty();
        ClassNode machine = new ClassNode();
        new ClassReader(result.classes().get(HOST + "$" + body + "$Async0")).accept(machine, 0);
        MethodNode moveNext = machine.methods.stream()
                .filter(m -> m.name.equals("moveNext"))
                .findFirst()
                .orElseThrow();
        List<String> calls = new ArrayList<>();
        for (AbstractInsnNode insn : moveNext.instructions) {
            if (insn instanceof MethodInsnNode call) {
                calls.add(call.owner + "." + call.name + (call.name.equals("awaitOnCompleted") ? call.desc : ""));
            }
        }
        return calls;
    }
}
