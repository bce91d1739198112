/**
 * The Awaitable API: one async model for Java, mirroring .NET's Task-based async.
 *
 * <table>
 *   <caption>Types and their .NET analogues</caption>
 *   <tr><th>type</th><th>.NET</th></tr>
 *   <tr><td>{@link dev.awaitable.Awaitable}</td><td>{@code Task<T>}</td></tr>
 *   <tr><td>{@link dev.awaitable.Awaiter}</td><td>the awaiter pattern</td></tr>
 *   <tr><td>{@link dev.awaitable.ValueAwaitable}</td><td>{@code ValueTask<T>}</td></tr>
 *   <tr><td>{@link dev.awaitable.AwaitableSource}, {@link dev.awaitable.ManualResetSourceCore}</td>
 *       <td>{@code IValueTaskSource<T>}, {@code ManualResetValueTaskSourceCore<T>}</td></tr>
 *   <tr><td>{@link dev.awaitable.CompletionSource}</td><td>{@code TaskCompletionSource<T>}</td></tr>
 *   <tr><td>{@link dev.awaitable.AsyncContext}, {@link dev.awaitable.SingleThreadContext}</td>
 *       <td>{@code SynchronizationContext}</td></tr>
 *   <tr><td>{@link dev.awaitable.CancellationTokenSource}, {@link dev.awaitable.CancellationToken}</td>
 *       <td>the same</td></tr>
 *   <tr><td>{@link dev.awaitable.Awaitables}</td><td>{@code Task.WhenAll/WhenAny/Delay/Yield/Run/WaitAsync}</td></tr>
 *   <tr><td>{@link dev.awaitable.streams.AsyncStream}, {@link dev.awaitable.channels.Channel}</td>
 *       <td>{@code IAsyncEnumerable<T>}, {@code Channel<T>}</td></tr>
 *   <tr><td>{@link dev.awaitable.Async}</td><td>an {@code async} method and {@code await}</td></tr>
 * </table>
 */
package dev.awaitable;
