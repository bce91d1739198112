package dev.awaitable.weaver;

import static org.assertj.core.api.Assertions.assertThat;

import dev.awaitable.Async;
import dev.awaitable.Awaitable;
import dev.awaitable.weaver.harness.ClassFiles;
import dev.awaitable.weaver.loomonly.LoomOnlyClass;
import dev.awaitable.weaver.loomonly.LoomOnlyMethods;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * {@code @LoomOnly} opts code out of weaving: awaits the weaver would refuse (in a helper, inside
 * synchronized, in a class implementing AsyncBody) are neither refused nor woven there, nor is a
 * {@code @LoomOnly} method passed as a body, and the rest of the class is woven as usual.
 */
class LoomOnlyTest {

    /** An annotated class, with its nested classes, is left byte-for-byte as javac wrote it. */
    @Test
    void annotatedClassIsLeftAlone() {
        Map<String, byte[]> classes = ClassFiles.ofNest(LoomOnlyClass.class);
        assertThat(classes).containsKey("dev/awaitable/weaver/loomonly/LoomOnlyClass$Body");

        WeaveResult result = new Weaver(ClassFiles::lookup).weave(classes);

        assertThat(result.errors()).isEmpty();
        assertThat(result.classes().keySet()).isEqualTo(classes.keySet());
        classes.forEach(
                (name, bytes) -> assertThat(result.classes().get(name)).as(name).isEqualTo(bytes));
    }

    /**
     * Annotated methods, and the lambdas created inside them (nested too), keep their awaits and
     * their invokedynamic; the unannotated body beside them becomes a machine.
     */
    @Test
    void annotatedMethodsAreLeftAloneAndTheRestIsWoven() {
        WeaveResult result = new Weaver(ClassFiles::lookup).weave(ClassFiles.ofNest(LoomOnlyMethods.class));

        assertThat(result.errors()).isEmpty();
        String host = "dev/awaitable/weaver/loomonly/LoomOnlyMethods";
        assertThat(result.classes().keySet())
                .filteredOn(k -> k.contains("$Async"))
                .containsExactly(host + "$woven$Async0");
        ClassNode woven = new ClassNode();
        new ClassReader(result.classes().get(host)).accept(woven, 0);
        assertThat(awaits(method(woven, "helper"))).isEqualTo(1);
        assertThat(lambdas(method(woven, "pinned"))).isEqualTo(1);
        assertThat(lambdas(method(woven, "woven"))).isZero();
        assertThat(lambdas(method(woven, "byReference")))
                .as("a @LoomOnly method as a body")
                .isEqualTo(1);
        assertThat(awaits(method(woven, "awaitsShared"))).isEqualTo(1);
        long loomOnlyLambdaAwaits = woven.methods.stream()
                .filter(m -> m.name.startsWith("lambda$pinned$"))
                .mapToLong(LoomOnlyTest::awaits)
                .sum();
        assertThat(loomOnlyLambdaAwaits).isEqualTo(2);
    }

    /** Unwoven, the annotated code runs as written on loom. */
    @Test
    void annotatedCodeRunsOnLoom() {
        Async.useBackend("loom");
        Awaitable<Integer> two = Awaitable.completed(2);
        assertThat(LoomOnlyMethods.pinned(two).join()).isEqualTo(6);
        assertThat(LoomOnlyMethods.byReference().join()).isEqualTo(3);
        assertThat(LoomOnlyClass.chain(two, 3).join()).isEqualTo(5);
        assertThat(Async.run(new LoomOnlyClass.Body(two)).join()).isEqualTo(2);
    }

    private static MethodNode method(ClassNode c, String name) {
        return c.methods.stream().filter(m -> m.name.equals(name)).findFirst().orElseThrow();
    }

    private static long awaits(MethodNode m) {
        long n = 0;
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof MethodInsnNode call
                    && call.getOpcode() == Opcodes.INVOKESTATIC
                    && call.owner.equals("dev/awaitable/Async")
                    && call.name.equals("await")) {
                n++;
            }
        }
        return n;
    }

    private static long lambdas(MethodNode m) {
        long n = 0;
        for (AbstractInsnNode insn : m.instructions) {
            if (insn instanceof InvokeDynamicInsnNode) {
                n++;
            }
        }
        return n;
    }
}
