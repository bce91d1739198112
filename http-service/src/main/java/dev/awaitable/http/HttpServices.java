package dev.awaitable.http;

import java.util.List;
import java.util.Objects;

/** Creates the implementations of the same loopback HTTP/1.1 service. */
public final class HttpServices {

    /** The implementation ids, in report order. */
    public static final List<String> IMPLEMENTATIONS =
            List.of("statemachine", "loom", "virtual-threads", "blocking", "completable-future");

    private HttpServices() {}

    /**
     * The service of one implementation.
     *
     * @param implementation "statemachine", "loom", "virtual-threads" (virtual thread per
     *                       connection), "blocking" (platform thread per connection) or
     *                       "completable-future"
     * @throws IllegalArgumentException for another id, listing the valid ones
     */
    public static HttpService create(String implementation, HttpServiceConfig config) {
        Objects.requireNonNull(config, "config");
        return switch (String.valueOf(implementation)) {
            case "statemachine" -> new StatemachineHttpService(config);
            case "loom" -> new LoomHttpService(config);
            case "virtual-threads" -> new VirtualThreadsHttpService(config);
            case "blocking" -> new BlockingHttpService(config);
            case "completable-future" -> new CompletableFutureHttpService(config);
            default ->
                throw new IllegalArgumentException("unknown HTTP service implementation '" + implementation
                        + "'; valid: " + String.join(", ", IMPLEMENTATIONS));
        };
    }
}
