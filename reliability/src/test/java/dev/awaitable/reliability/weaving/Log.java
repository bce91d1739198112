package dev.awaitable.reliability.weaving;

import java.util.ArrayList;
import java.util.List;

/**
 * The side effects of one run of a generated program, in order. A body appends from whichever
 * thread it resumed on; one body runs at a time, and the completion that resumed it orders its
 * appends after the earlier ones, but the lock keeps the list sound whatever a broken weaver does.
 */
public final class Log {

    private final List<String> entries = new ArrayList<>();

    public synchronized void add(String entry) {
        entries.add(entry);
    }

    synchronized List<String> entries() {
        return List.copyOf(entries);
    }
}
