package dev.awaitable.internal;

/** Rethrows any throwable unchanged, checked or not: await surfaces the original exception, as .NET does. */
public final class Sneaky {
    private Sneaky() {}

    /** Throws {@code t} as is; declared to return so callers can write {@code throw Sneaky.raise(t)}. */
    public static RuntimeException raise(Throwable t) {
        throw Sneaky.<RuntimeException>doRaise(t);
    }

    // The sneaky-throw idiom: E exists only to be inferred as RuntimeException at the call above,
    // so javac asks for no throws clause for a checked exception.
    @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"})
    private static <E extends Throwable> E doRaise(Throwable t) throws E {
        throw (E) t;
    }
}
