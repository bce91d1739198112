package dev.awaitable.examples;

import java.util.List;

/**
 * Everything a run of {@link DashboardProgram} lets one observe, the same on either backend.
 *
 * @param backend the backend it ran on
 * @param result what the dashboard returned
 * @param progress the progress reports, in the order the UI context ran them
 * @param progressOnUi whether every report ran on the UI context
 * @param cancelled the calls that were cancelled ({@code service#attempt}), in the order they were
 * @param journal what the store did, in order
 */
public record Observation(
        String backend,
        ServiceDashboard.Result result,
        List<String> progress,
        boolean progressOnUi,
        List<String> cancelled,
        List<String> journal) {}
