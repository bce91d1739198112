package dev.awaitable.workloads.asyncstream;

import java.util.ArrayList;
import java.util.List;

/**
 * What {@code async-stream}'s producer emits: the values {@code 0..count-1}, one {@code Long} per
 * hand-off ({@code batched == false}) or a {@code List<Long>} of up to {@code batch} of them per
 * hand-off (the last one may be shorter).
 *
 * @param count   values in the stream
 * @param batch   values per hand-off when batched
 * @param batched whether the producer emits lists
 */
record Items(int count, int batch, boolean batched) {

    /** Hand-offs from producer to consumer. */
    int steps() {
        return batched ? (count + batch - 1) / batch : count;
    }

    /** What hand-off {@code step} carries. */
    Object item(int step) {
        if (!batched) {
            return (long) step;
        }
        int from = step * batch;
        int to = Math.min(from + batch, count);
        List<Long> list = new ArrayList<>(to - from);
        for (long v = from; v < to; v++) {
            list.add(v);
        }
        return list;
    }

    /** The consumer's work on one hand-off: the sum of the values it carries. */
    static long total(Object item) {
        if (item instanceof Long v) {
            return v;
        }
        long sum = 0;
        for (Object v : (List<?>) item) {
            sum += (Long) v;
        }
        return sum;
    }
}
