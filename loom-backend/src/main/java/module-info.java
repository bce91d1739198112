/** The loom backend: direct-style async on virtual threads. */
module dev.awaitable.loom {
    requires dev.awaitable;
}
