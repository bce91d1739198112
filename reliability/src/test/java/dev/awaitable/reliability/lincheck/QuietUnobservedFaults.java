package dev.awaitable.reliability.lincheck;

import dev.awaitable.Awaitables;
import dev.awaitable.UnobservedFault;
import dev.awaitable.UnobservedFaultHandler;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Drops unobserved-fault reports in the model checks. Lincheck builds many instances of a test
 * class that no validation reads to the end (the sequential runs it compares against, the
 * scenarios it replays to minimise a failure), and a fault in one of them that nobody awaited
 * is reported when the collector finds the instance: correct, and noise here. Not restored:
 * the reports arrive whenever the collector runs, often after the class that made the instance
 * finished, and the model checks run in a JVM of their own (the reliability module's
 * {@code lincheck} surefire execution).
 */
final class QuietUnobservedFaults implements BeforeAllCallback, UnobservedFaultHandler {

    @Override
    public void beforeAll(ExtensionContext context) {
        Awaitables.setUnobservedFaultHandler(this);
    }

    @Override
    public void handle(UnobservedFault fault) {}
}
