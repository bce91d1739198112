package dev.awaitable.examples;

import dev.awaitable.Async;
import dev.awaitable.CancellationTokenSource;
import dev.awaitable.Progress;
import dev.awaitable.SingleThreadContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Runs {@link ServiceDashboard} once against 20 simulated services: most answer within a few
 * milliseconds; {@code service-03} is slow on its first call only, {@code service-07} and
 * {@code service-13} never answer in time, and {@code service-11} fails. Progress goes to a
 * single-thread context standing for a UI thread. The backend is the one
 * {@code -Dawaitable.backend} names.
 */
public final class DashboardProgram {

    private DashboardProgram() {}

    public static void main(String[] args) {
        Observation o = run();
        System.out.println("backend: " + o.backend());
        System.out.println(o.result().title());
        o.result().readings().forEach(System.out::println);
        o.progress().forEach(System.out::println);
        System.out.println("cancelled: " + o.cancelled());
    }

    /** Runs the dashboard once and returns what it did. */
    public static Observation run() {
        List<String> cancelled = new CopyOnWriteArrayList<>();
        Store store = new Store();
        ServiceDashboard dashboard = new ServiceDashboard(services(cancelled), store, cancelled);
        try (SingleThreadContext ui = SingleThreadContext.start("ui");
                CancellationTokenSource session = new CancellationTokenSource(Duration.ofSeconds(20))) {
            List<String> progress = new ArrayList<>(); // touched on the UI thread only
            boolean[] offUi = {false};
            Progress<String> reporter = ui.submit(() -> new Progress<String>(update -> {
                        offUi[0] |= !ui.isCurrent();
                        progress.add(update);
                    }))
                    .join();
            ServiceDashboard.Result result =
                    dashboard.refresh(reporter, session.token()).join();
            // Posts run in order: once this one has run, every report before it has.
            List<String> seen = ui.submit(() -> List.copyOf(progress)).join();
            boolean onUi = ui.submit(() -> !offUi[0]).join();
            return new Observation(Async.backend().name(), result, seen, onUi, List.copyOf(cancelled), store.journal());
        }
    }

    static List<SimulatedService> services(List<String> cancelled) {
        Duration never = Duration.ofSeconds(30);
        List<SimulatedService> services = new ArrayList<>();
        for (int i = 0; i < ServiceDashboard.SERVICES; i++) {
            String name = String.format("service-%02d", i);
            List<Duration> latencies = switch (i) {
                case 3 -> List.of(never, Duration.ofMillis(2));
                case 7, 13 -> List.of(never);
                default -> List.of(Duration.ofMillis(1 + i % 5));
            };
            services.add(new SimulatedService(name, i, latencies, i == 11 ? "down for maintenance" : null, cancelled));
        }
        return services;
    }
}
