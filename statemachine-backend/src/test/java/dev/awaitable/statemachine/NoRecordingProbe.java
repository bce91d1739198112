package dev.awaitable.statemachine;

import dev.awaitable.CompletionSource;

/**
 * Run in a fresh JVM by {@link NoRecordingStartupTest}: starts a method that suspends and
 * resumes, with no JFR recording anywhere, and prints its result.
 */
public final class NoRecordingProbe {
    private NoRecordingProbe() {
    }

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        CompletionSource<Integer> input = new CompletionSource<>();
        ResumeLoopTest.Next next = new ResumeLoopTest.Next("probe", input.awaitable(), new java.util.ArrayList<>());
        next.start();   // suspends: the tracing hooks ask whether to record
        input.setResult(41);
        System.out.println("result " + next.getResult() + " in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    }
}
