package dev.awaitable.workloads.hoistedlocals;

/**
 * The buffer work of {@code hoisted-locals}: task {@code index} fills a buffer deterministically,
 * and its digest is the sum of the buffer's bytes, unsigned. Every implementation and style
 * calls these, so the work is identical; only when the digest is taken differs.
 */
final class Buffers {
    private Buffers() {}

    /** A new buffer of {@code size} bytes, byte {@code j} = {@code (j + index) mod 256}. */
    static byte[] filled(int size, int index) {
        byte[] buffer = new byte[size];
        for (int j = 0; j < size; j++) {
            buffer[j] = (byte) (j + index);
        }
        return buffer;
    }

    /** The sum of the bytes, unsigned. */
    static long digest(byte[] buffer) {
        long sum = 0;
        for (byte b : buffer) {
            sum += b & 0xFF;
        }
        return sum;
    }

    /**
     * Fills and digests a buffer in a frame of its own: the "released" shape, where the buffer is
     * never a local of the method that awaits, so nothing can keep it reachable across the await.
     */
    static long filledDigest(int size, int index) {
        return digest(filled(size, index));
    }
}
