package dev.awaitable.cli;

import picocli.CommandLine.Option;

/** {@code --repeat N}, shared by the commands that run a matrix ({@code compare}, {@code bench}). */
final class RepeatOption {

    @Option(
            names = "--repeat",
            defaultValue = "1",
            description = "Run the whole matrix this many times (into run-1, run-2, ... of --out) and report how far"
                    + " the runs' ratios were apart (agreement.md).")
    int repeat;

    /** The number of runs, checked: 1 to 20. */
    int runs() {
        if (repeat < 1 || repeat > 20) {
            throw new IllegalArgumentException("--repeat must be 1..20, was " + repeat);
        }
        return repeat;
    }
}
