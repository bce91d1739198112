package dev.awaitable.analyzer;

import java.util.List;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;

/**
 * Names the frame of a stack trace a reader cares about: the first one, from the top, that is
 * neither the JDK's nor Awaitable's own runtime (core, the backends). For a pinned park that is
 * the code that blocked, not {@code VirtualThread.parkOnCarrierThread}; for an allocation, the
 * code that allocated, not {@code Arrays.copyOf}. When every frame is such a frame, the top one.
 */
final class Frames {
    static final String NO_STACK_TRACE = "(no stack trace)";

    private static final List<String> RUNTIME_PREFIXES = List.of(
            "java.",
            "javax.",
            "jdk.",
            "sun.",
            "com.sun.",
            "dev.awaitable.internal.",
            "dev.awaitable.spi.",
            "dev.awaitable.loom.",
            "dev.awaitable.statemachine.");

    private Frames() {}

    static String topUserFrame(RecordedStackTrace stackTrace) {
        if (stackTrace == null || stackTrace.getFrames().isEmpty()) {
            return NO_STACK_TRACE;
        }
        List<RecordedFrame> frames = stackTrace.getFrames();
        for (RecordedFrame f : frames) {
            if (f.isJavaFrame() && !isRuntime(className(f))) {
                return describe(f);
            }
        }
        return describe(frames.get(0));
    }

    static boolean isRuntime(String className) {
        if (className == null) {
            return true;
        }
        for (String p : RUNTIME_PREFIXES) {
            if (className.startsWith(p)) {
                return true;
            }
        }
        // Core's API package itself (dev.awaitable.Awaitable, ...), but not dev.awaitable.comparisons.*.
        return className.startsWith("dev.awaitable.") && className.indexOf('.', "dev.awaitable.".length()) < 0;
    }

    /** {@code pkg.Class.method:line}, or without the line when the recording has none. */
    static String describe(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        if (m == null) {
            return "(unknown frame)";
        }
        String name = className(f) + "." + m.getName();
        int line = f.getLineNumber();
        return line > 0 ? name + ":" + line : name;
    }

    private static String className(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        return m == null || m.getType() == null ? null : m.getType().getName();
    }

    /** A JVM class name as Java writes it: {@code [I} becomes {@code int[]}, {@code [Ljava.lang.String;} {@code java.lang.String[]}. */
    static String javaClassName(String name) {
        if (name == null) {
            return "(unknown class)";
        }
        int dims = 0;
        while (dims < name.length() && name.charAt(dims) == '[') {
            dims++;
        }
        if (dims == 0) {
            return name;
        }
        String element = name.substring(dims);
        String base = switch (element) {
            case "Z" -> "boolean";
            case "B" -> "byte";
            case "C" -> "char";
            case "S" -> "short";
            case "I" -> "int";
            case "J" -> "long";
            case "F" -> "float";
            case "D" -> "double";
            default ->
                element.startsWith("L") && element.endsWith(";") ? element.substring(1, element.length() - 1) : element;
        };
        return base + "[]".repeat(dims);
    }
}
