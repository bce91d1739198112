package dev.awaitable.analyzer;

/**
 * One rule's verdict on a recording: one of JMC's automated analysis rules, or one of ours.
 *
 * @param source    {@code "jmc"} or {@code "awaitable"}
 * @param id        the rule's id (JMC's own id, or {@code awaitable.*})
 * @param name      its human name
 * @param topic     JMC's topic (gc, memory, ...), or ours
 * @param severity  the verdict
 * @param score     0-100 as JMC scores (warning from 75, info from 25), or null when not applicable
 * @param summary   one paragraph of plain text; for a rule that could not run, {@code "n/a: reason"}
 * @param failed    the rule threw or timed out (its severity is {@link Severity#NA})
 */
public record RuleResult(
        String source,
        String id,
        String name,
        String topic,
        Severity severity,
        Double score,
        String summary,
        boolean failed) {

    public static final String JMC = "jmc";
    public static final String AWAITABLE = "awaitable";

    /** JMC's severities, most severe first. */
    public enum Severity {
        /** Worth a reader's attention. */
        WARNING("warning"),
        /** Worth knowing. */
        INFO("info"),
        /** Nothing found. */
        OK("ok"),
        /** The rule did not apply to this recording, or could not run. */
        NA("n/a"),
        /** Switched off by configuration. */
        IGNORE("ignore");

        private final String label;

        Severity(String label) {
            this.label = label;
        }

        /** Lower-case name, as used in text output ("warning", "n/a"). */
        public String label() {
            return label;
        }
    }
}
