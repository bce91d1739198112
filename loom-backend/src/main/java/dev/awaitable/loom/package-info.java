/**
 * The loom backend: an async body is ordinary sequential code on a virtual thread, and an await
 * parks it. {@link dev.awaitable.loom.LoomBackend} is the entry point (found through the SPI);
 * {@link dev.awaitable.loom.ContextAffinity} says whether bodies can be bound to a context's thread.
 */
package dev.awaitable.loom;
