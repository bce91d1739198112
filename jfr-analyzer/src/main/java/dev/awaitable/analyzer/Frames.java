package dev.awaitable.analyzer;

import java.util.List;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;

/**
 * Names the frame of a stack trace a reader cares about, the <em>application frame</em>.
 *
 * <p>The rule: the application frame is the first Java frame, from the top, whose class is
 * neither the JDK's ({@code java.*}, {@code javax.*}, {@code jdk.*}, {@code sun.*},
 * {@code com.sun.*}) nor Awaitable's own runtime (core's API package, {@code internal},
 * {@code spi} and the two backends). Third-party libraries count as application: for a pinned
 * park it is the code that blocked, not {@code VirtualThread.parkOnCarrierThread}; for an
 * allocation, the code that allocated, not {@code Arrays.copyOf}. (JFR's own
 * {@code topApplicationFrame} asks the class loader instead; the two agree on application classes
 * and differ only on JDK modules loaded by the platform loader, which are JDK here.)
 *
 * <p>When a stack has no such frame (an idle pool thread, a stack cut off at the recording's
 * depth), the fallback is the first frame below the JDK's waiting machinery ({@code Unsafe.park},
 * {@code LockSupport}, the lock and queue internals, {@code Thread.sleep}, {@code Object.wait},
 * the virtual-thread parking and continuation frames), so what parked reads as
 * {@code java.util.concurrent.ForkJoinPool.awaitWork}, never as {@code Unsafe.park}.
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

    /**
     * The JDK's waiting and locking machinery: never the answer to "what blocked here". Class names,
     * or {@code Class.method} prefixes where the class also does other work.
     */
    private static final List<String> WAITING_MACHINERY = List.of(
            "jdk.internal.misc.Unsafe.",
            "java.util.concurrent.locks.",
            "java.lang.VirtualThread.",
            "java.lang.Thread.sleep",
            "java.lang.Thread.yield",
            "java.lang.Thread.join",
            "java.lang.Object.wait",
            "jdk.internal.vm.Continuation.",
            "java.util.concurrent.SynchronousQueue$Transferer.",
            "java.util.concurrent.LinkedTransferQueue.awaitMatch",
            "java.util.concurrent.LinkedTransferQueue$DualNode.await",
            "java.util.concurrent.CompletableFuture$Signaller.",
            "java.util.concurrent.ForkJoinPool.managedBlock",
            "java.util.concurrent.ForkJoinPool.unmanagedBlock",
            "java.util.concurrent.ForkJoinPool.compensatedBlock");

    private Frames() {}

    /** The application frame of {@code stackTrace} (see the class comment), as {@code pkg.Class.method:line}. */
    static String topUserFrame(RecordedStackTrace stackTrace) {
        RecordedFrame f = applicationFrame(stackTrace);
        return f == null ? NO_STACK_TRACE : describe(f);
    }

    /** The application frame, or the first frame below the JDK's waiting machinery; null without frames. */
    static RecordedFrame applicationFrame(RecordedStackTrace stackTrace) {
        if (stackTrace == null || stackTrace.getFrames().isEmpty()) {
            return null;
        }
        List<RecordedFrame> frames = stackTrace.getFrames();
        for (RecordedFrame f : frames) {
            if (f.isJavaFrame() && !isRuntime(className(f))) {
                return f;
            }
        }
        for (RecordedFrame f : frames) {
            if (f.isJavaFrame() && !isWaitingMachinery(className(f) + "." + methodName(f))) {
                return f;
            }
        }
        return frames.get(0);
    }

    /** The top frame as JFR's views group it: by method, {@code pkg.Class.method(Params)}; null without frames. */
    static String topMethod(RecordedStackTrace stackTrace) {
        if (stackTrace == null) {
            return null;
        }
        for (RecordedFrame f : stackTrace.getFrames()) {
            if (f.isJavaFrame()) {
                return method(f);
            }
        }
        return null;
    }

    /** {@code Class.method} is part of the JDK's waiting machinery. */
    static boolean isWaitingMachinery(String qualifiedMethod) {
        for (String p : WAITING_MACHINERY) {
            if (qualifiedMethod.startsWith(p)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A frame's method as {@code jfr view} prints it: {@code pkg.Class.method(Type, Type)}, parameter
     * types by simple name; the same method with another line is the same method.
     */
    static String method(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        if (m == null) {
            return "(unknown frame)";
        }
        StringBuilder sb =
                new StringBuilder(className(f)).append('.').append(m.getName()).append('(');
        String d = m.getDescriptor();
        int end = d == null ? -1 : d.lastIndexOf(')');
        if (d != null && d.startsWith("(") && end > 0) {
            boolean first = true;
            int i = 1;
            while (i < end) {
                int start = i;
                while (d.charAt(i) == '[') {
                    i++;
                }
                if (d.charAt(i) == 'L') {
                    i = d.indexOf(';', i);
                }
                i++;
                String array = javaClassName("[" + d.substring(start, i).replace('/', '.'));
                String name = array.substring(0, array.length() - 2);
                sb.append(first ? "" : ", ").append(name.substring(name.lastIndexOf('.') + 1));
                first = false;
            }
        }
        return sb.append(')').toString();
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

    private static String methodName(RecordedFrame f) {
        RecordedMethod m = f.getMethod();
        return m == null ? "" : m.getName();
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
