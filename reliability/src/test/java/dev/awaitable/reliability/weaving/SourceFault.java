package dev.awaitable.reliability.weaving;

/**
 * The exception a generated program's source faults with ({@link Src}); public because the
 * generated classes, in another class loader's package, catch it by name.
 */
public final class SourceFault extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SourceFault(String message) {
        super(message, null, false, false);
    }
}
