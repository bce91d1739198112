package dev.awaitable.scenarios;

/**
 * One scenario (a seed claim as an experiment) on one backend.
 *
 * @param id        scenario id
 * @param title     one line
 * @param backend   backend name
 * @param passed    whether the expected outcome was observed
 * @param expected  what the claim predicts
 * @param observed  what actually happened
 */
public record ScenarioResult(
        String id, String title, String backend, boolean passed, String expected, String observed) {}
