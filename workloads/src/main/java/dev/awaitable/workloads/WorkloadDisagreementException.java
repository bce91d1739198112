package dev.awaitable.workloads;

import java.util.Map;

/** The implementations of a workload computed different checksums: its numbers are not comparable. */
public class WorkloadDisagreementException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public WorkloadDisagreementException(String workload, Params params, Map<Implementation, Long> checksums) {
        super("workload " + workload + " [" + params.key() + "]: implementations disagree, refusing to measure: "
                + checksums);
    }
}
