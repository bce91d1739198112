package dev.awaitable.weaver;

/** The types and members woven code refers to, by internal name. */
final class Names {

    private Names() {}

    static final String ASYNC = "dev/awaitable/Async";
    static final String ASYNC_BODY = "dev/awaitable/AsyncBody";
    static final String ASYNC_ACTION = "dev/awaitable/AsyncAction";
    static final String AWAITER = "dev/awaitable/Awaiter";
    static final String AWAITABLE = "dev/awaitable/Awaitable";
    static final String BACKEND = "dev/awaitable/spi/AsyncBackend";
    static final String WOVEN_BODY = "dev/awaitable/spi/WovenBody";
    static final String STATE_MACHINE = "dev/awaitable/statemachine/AsyncStateMachine";
    static final String BUILDER = "dev/awaitable/statemachine/AsyncMethodBuilder";
    static final String WOVEN_AWAIT = "dev/awaitable/statemachine/WovenAwait";
    static final String METAFACTORY = "java/lang/invoke/LambdaMetafactory";
    static final String OBJECT = "java/lang/Object";

    /** The invisible annotation on every class the weaver wrote: a second weave leaves them alone. */
    static final String WOVEN_MARKER = "Ldev/awaitable/weaver/Woven;";

    /** The {@code Async.await} descriptors with a {@code WovenAwait.awaiter} of the same parameters. */
    static final java.util.Set<String> AWAIT_DESCRIPTORS = java.util.Set.of(
            "(Ldev/awaitable/AwaitableLike;)Ljava/lang/Object;",
            "(Ldev/awaitable/AwaitableLike;Ldev/awaitable/CancellationToken;)Ljava/lang/Object;",
            "(Ldev/awaitable/AwaitableLike;Ljava/lang/Class;)Ljava/lang/Object;",
            "(Ldev/awaitable/AwaitableLike;Ljava/lang/Class;Ljava/lang/Class;)Ljava/lang/Object;",
            "(Ldev/awaitable/AwaitableLike;Ldev/awaitable/CancellationToken;Ljava/lang/Class;)Ljava/lang/Object;",
            "(Ljava/util/concurrent/CompletionStage;)Ljava/lang/Object;",
            "(Ljava/util/concurrent/CompletionStage;Ljava/lang/Class;)Ljava/lang/Object;");

    static boolean isAwait(org.objectweb.asm.tree.AbstractInsnNode insn) {
        return insn instanceof org.objectweb.asm.tree.MethodInsnNode m
                && m.getOpcode() == org.objectweb.asm.Opcodes.INVOKESTATIC
                && m.owner.equals(ASYNC)
                && m.name.equals("await");
    }
}
