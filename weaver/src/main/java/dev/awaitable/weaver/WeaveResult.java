package dev.awaitable.weaver;

import java.util.List;
import java.util.Map;

/**
 * What {@link Weaver#weave} made of a set of classes.
 *
 * @param classes every class to write, keyed by internal name: the input classes (woven or
 *     byte-for-byte unchanged) and the machine classes the weaver generated beside them
 * @param errors the constructs that cannot be woven; when not empty, nothing should be written
 * @param warnings what can be woven but deserves a look (a {@code moveNext} too large for HotSpot
 *     to compile, say), in the same {@code File:LINE} form
 */
public record WeaveResult(Map<String, byte[]> classes, List<WeaveDiagnostic> errors, List<WeaveDiagnostic> warnings) {

    public WeaveResult {
        classes = Map.copyOf(classes);
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }

    /** True when the weaving found nothing it refuses. */
    public boolean ok() {
        return errors.isEmpty();
    }
}
