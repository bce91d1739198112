package dev.awaitable.http;

import java.util.List;
import java.util.Objects;

/** Creates the four implementations of the same loopback HTTP/1.1 service. */
public final class HttpServices {

    /** The implementation ids, in report order. */
    public static final List<String> IMPLEMENTATIONS =
            List.of("statemachine", "loom", "blocking", "completable-future");

    private HttpServices() {}

    /**
     * The service of one implementation.
     *
     * @param implementation "statemachine", "loom", "blocking" (platform thread per connection)
     *                       or "completable-future"
     * @throws IllegalArgumentException for another id, listing the valid ones
     */
    public static HttpService create(String implementation, HttpServiceConfig config) {
        Objects.requireNonNull(config, "config");
        return switch (String.valueOf(implementation)) {
            case "statemachine" -> new StatemachineHttpService(config);
            case "loom" -> new LoomHttpService(config);
            case "blocking" -> new BlockingHttpService(config);
            case "completable-future" -> new CompletableFutureHttpService(config);
            default ->
                throw new IllegalArgumentException("unknown HTTP service implementation '" + implementation
                        + "'; valid: " + String.join(", ", IMPLEMENTATIONS));
        };
    }
}
