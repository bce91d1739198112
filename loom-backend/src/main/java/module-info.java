/**
 * The loom backend: direct-style async on virtual threads ({@code -Dawaitable.backend=loom}).
 *
 * <p>Context affinity (bodies started on a {@link dev.awaitable.SingleThreadContext} run on its
 * thread between awaits) needs the JDK's internal virtual-thread builder that takes a scheduler:
 * run with {@code --add-opens java.base/java.lang=dev.awaitable.loom} on the module path, or
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED} on the class path. Without it the backend
 * still works, on the default scheduler, and says so once
 * ({@link dev.awaitable.loom.LoomBackend#contextAffinity()}).
 */
module dev.awaitable.loom {
    requires transitive dev.awaitable;
    requires org.slf4j;

    exports dev.awaitable.loom;

    provides dev.awaitable.spi.AsyncBackend with
            dev.awaitable.loom.LoomBackend;
}
