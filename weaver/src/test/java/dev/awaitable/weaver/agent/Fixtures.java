package dev.awaitable.weaver.agent;

import java.util.Map;

/** The programs the agent tests run. */
final class Fixtures {

    private Fixtures() {}

    /** A direct-style program, a nested class, and (with an argument) a report of what the agent did. */
    static final String HELLO = """
            package fixture;

            import dev.awaitable.Async;
            import dev.awaitable.Awaitable;
            import dev.awaitable.Awaitables;
            import java.time.Duration;

            public final class Hello {
                static final class Inner {}

                static Awaitable<String> greet(String who) {
                    return Async.run(() -> {
                        Async.await(Awaitables.delay(Duration.ofMillis(5)));
                        return "hello " + who;
                    });
                }

                public static void main(String[] args) throws Exception {
                    System.out.println(greet("agent").join());
                    if (args.length > 0) {
                        System.out.println("inner woven: " + woven(Inner.class));
                        Class<?> m = Class.forName("fixture.Hello$Machine");
                        System.out.println("machine: nest host " + m.getNestHost().getName()
                                + ", same loader " + (m.getClassLoader() == Hello.class.getClassLoader())
                                + ", says " + m.getMethod("hello").invoke(null));
                        System.out.println("refused woven: " + woven(Refused.class));
                    }
                }

                static boolean woven(Class<?> c) {
                    try {
                        c.getDeclaredField("woven");
                        return true;
                    } catch (NoSuchFieldException e) {
                        return false;
                    }
                }
            }
            """;

    /** An await in a plain method: a construct the weaver refuses. */
    static final String REFUSED = """
            package fixture;

            import dev.awaitable.Async;
            import dev.awaitable.Awaitable;

            final class Refused {
                static int plusOne(Awaitable<Integer> x) {
                    return Async.await(x) + 1; // refused
                }
            }
            """;

    /** Loads a nested class of {@code Hello} before {@code Hello} itself, then runs {@code Hello}. */
    static final String INNER_FIRST = """
            package fixture;

            public final class InnerFirst {
                public static void main(String[] args) throws Exception {
                    Class<?> inner = Class.forName("fixture.Hello$Inner", true, InnerFirst.class.getClassLoader());
                    System.out.println("inner loaded first: " + inner.getName());
                    Hello.main(args);
                }
            }
            """;

    static Map<String, String> sources() {
        return Map.of(
                "fixture/Hello.java", HELLO, "fixture/Refused.java", REFUSED, "fixture/InnerFirst.java", INNER_FIRST);
    }
}
