/**
 * Channels (.NET's {@code System.Threading.Channels}): {@link dev.awaitable.channels.Channel}, a
 * queue awaited on both ends, unbounded or bounded with a {@linkplain
 * dev.awaitable.channels.BoundedChannelFullMode full mode}, read and written through
 * {@link dev.awaitable.channels.ChannelReader} and {@link dev.awaitable.channels.ChannelWriter}.
 * A reader's {@code readAll()} is an {@link dev.awaitable.streams.AsyncStream}.
 */
package dev.awaitable.channels;
