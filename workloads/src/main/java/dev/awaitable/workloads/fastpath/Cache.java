package dev.awaitable.workloads.fastpath;

/**
 * The data of {@code fast-path}: {@link #KEYS} keys, call {@code i} asks for key
 * {@code i % KEYS}, and key {@code k} is cached exactly when {@code k < hitRatio}, so the hit
 * pattern is deterministic and the same for every implementation. A key's value is
 * {@code 7k + 3}; a miss reads the raw {@code 7k} from the run's I/O and adds the 3 after its
 * await (work after the await, so the miss path is a real async method).
 *
 * <p>Cached values are boxed once, here: a hit hands out a shared {@code Long}, so what a hit
 * allocates is only what the return type costs.
 */
final class Cache {

    static final int KEYS = 100;

    private final int hitRatio;
    private final Long[] entries = new Long[KEYS];

    Cache(int hitRatio) {
        this.hitRatio = hitRatio;
        for (int k = 0; k < KEYS; k++) {
            entries[k] = value(k);
        }
    }

    static int key(int call) {
        return call % KEYS;
    }

    boolean hit(int key) {
        return key < hitRatio;
    }

    /** The cached value of a key that {@link #hit}s. */
    Long cached(int key) {
        return entries[key];
    }

    /** What a miss reads for {@code key}. */
    static long raw(int key) {
        return 7L * key;
    }

    /** The work a miss does after its await. */
    static long finish(long raw) {
        return raw + 3;
    }

    /** The value of {@code key}, however it is obtained. */
    static long value(int key) {
        return finish(raw(key));
    }
}
