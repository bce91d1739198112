package dev.awaitable.reliability.weaving;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Where a run starts and when and how each await of it completes: the i-th call of a program's
 * source is already complete, completes later on the harness's event loop, or completes later on
 * another thread; and it faults with {@code SourceFault("fault" + i)} for {@code faultPercent}
 * percent of calls. A pure function of the seed and the call's index, so the reference
 * interpreter and every run of the compiled program see the same schedule.
 *
 * @param mode one kind for every call, or {@link Mode#MIXED} for a kind drawn per call
 * @param onLoop whether the program starts on the event loop, so every await resumes there; if
 *     not, it starts on the test's thread, with no context, and resumes wherever its awaitable
 *     completed
 */
record Schedule(long seed, Mode mode, int faultPercent, boolean onLoop) {

    enum Mode {
        READY,
        LOOP,
        THREAD,
        MIXED
    }

    enum Kind {
        READY,
        LOOP,
        THREAD
    }

    /**
     * A schedule drawn from {@code seed}: each mode a quarter of the time, faults 0, 3 or 10%,
     * started on the loop three times in four.
     */
    static Schedule of(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Mode mode = List.of(Mode.values()).get(r.nextInt(Mode.values().length));
        int faults = new int[] {0, 3, 10}[r.nextInt(3)];
        return new Schedule(seed, mode, faults, r.nextInt(4) != 0);
    }

    Kind kind(int call) {
        return switch (mode) {
            case READY -> Kind.READY;
            case LOOP -> Kind.LOOP;
            case THREAD -> Kind.THREAD;
            case MIXED -> List.of(Kind.values()).get(Math.floorMod(mix(call, 1), Kind.values().length));
        };
    }

    boolean faults(int call) {
        return Math.floorMod(mix(call, 2), 100) < faultPercent;
    }

    private int mix(int call, int salt) {
        long z = seed + (call * 2L + salt) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return (int) (z ^ (z >>> 31));
    }

    @Override
    public String toString() {
        return mode + (faultPercent == 0 ? "" : ", " + faultPercent + "% faults")
                + (onLoop ? ", started on the loop" : ", started with no context") + " (seed " + seed + ")";
    }
}
