/**
 * Async streams (.NET's {@code IAsyncEnumerable<T>}): an {@link dev.awaitable.streams.AsyncStream}
 * is iterated with an {@link dev.awaitable.streams.AsyncIterator} whose {@code moveNext()} is
 * awaited; {@link dev.awaitable.streams.AsyncStream#generate} makes one from a producer that
 * emits through an {@link dev.awaitable.streams.Emitter}, one hand-off at a time, as a C# async
 * iterator does.
 */
package dev.awaitable.streams;
