package dev.awaitable.weaver.maven;

import dev.awaitable.weaver.WeaveDiagnostic;
import java.util.List;

/**
 * What weaving one output directory did.
 *
 * @param classesRead the class files read and handed to the weaver
 * @param rewritten the input classes the weaver changed, and so rewrote on disk
 * @param generated the classes the weaver added (state machines), written beside their host
 * @param errors the refused constructs; when there is one, nothing was written
 * @param warnings what was woven but deserves a look
 */
record WeaveSummary(
        int classesRead, int rewritten, int generated, List<WeaveDiagnostic> errors, List<WeaveDiagnostic> warnings) {

    WeaveSummary {
        errors = List.copyOf(errors);
        warnings = List.copyOf(warnings);
    }
}
