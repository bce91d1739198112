package dev.awaitable.weaver;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Turns direct-style async bodies ({@code Async.run(() -> ... Async.await(x) ...)}) into state
 * machines of the statemachine backend's shape, so one source runs on both backends. The Maven
 * plugin, the java agent and the tests all weave through this class.
 *
 * <p>Classes that reference no async body come out byte-for-byte unchanged; classes that were
 * already woven too (weaving is idempotent).
 */
public final class Weaver {

    private final Function<String, byte[]> classpath;

    /**
     * @param classpath the class file of an internal name ({@code java/lang/String}), or null when
     *     unknown: used to answer which class is a supertype of which when frames are computed,
     *     without loading any class
     */
    public Weaver(Function<String, byte[]> classpath) {
        this.classpath = Objects.requireNonNull(classpath, "classpath");
    }

    /**
     * Weaves a set of classes compiled together (an outer class and its nested classes must be
     * in the same call: a machine becomes a nestmate of its host).
     *
     * @param classes class files keyed by internal name
     */
    public WeaveResult weave(Map<String, byte[]> classes) {
        // The transformation is not written yet: every class is returned unchanged.
        Objects.requireNonNull(classpath);
        return new WeaveResult(classes, java.util.List.of(), java.util.List.of());
    }
}
