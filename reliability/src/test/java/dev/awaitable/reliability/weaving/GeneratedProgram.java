package dev.awaitable.reliability.weaving;

import dev.awaitable.Awaitable;

/** What every generated program class implements: its main body, started on the calling thread. */
public interface GeneratedProgram {

    /** Starts the main body ({@code Async.run}) and returns its awaitable checksum. */
    Awaitable<String> start(Src src, Log log);
}
