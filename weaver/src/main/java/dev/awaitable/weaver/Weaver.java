package dev.awaitable.weaver;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Turns direct-style async bodies ({@code Async.run(() -> ... Async.await(x) ...)}) into state
 * machines of the statemachine backend's shape, so one source runs on both backends. The Maven
 * plugin, the java agent and the tests all weave through this class.
 *
 * <p>For each body (the method of an {@code AsyncBody} or {@code AsyncAction} lambda, or of a
 * method reference to a static or private method of the same class) a machine class
 * {@code Outer$method$AsyncN} is generated, a nestmate of its host. The site that created the
 * lambda creates the machine instead when the backend cannot capture stacks; on the loom backend
 * the original lambda runs, unchanged. Awaits the weaver cannot make stackless (in
 * {@code synchronized}, in a method that is not a body, in a constructor or initializer) are
 * errors: nothing is changed silently.
 *
 * <p>Classes that reference no async body come out byte-for-byte unchanged; classes that were
 * already woven too (weaving is idempotent).
 */
public final class Weaver {

    /** HotSpot does not compile a method larger than this ({@code -XX:HugeMethodLimit}). */
    static final int HUGE_METHOD_LIMIT = 8000;

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
        ClassHierarchy hierarchy = new ClassHierarchy(classpath);
        classes.forEach(hierarchy::addClassFile);
        Diagnostics diagnostics = new Diagnostics();
        Map<String, byte[]> out = new LinkedHashMap<>(classes);
        Map<String, ClassNode> changed = new LinkedHashMap<>();
        Map<String, List<String>> nestMembers = new LinkedHashMap<>();
        List<ClassNode> machines = new ArrayList<>();
        List<String> loomOnlyClasses = loomOnlyClasses(classes);
        for (Map.Entry<String, byte[]> entry : classes.entrySet()) {
            if (!mayHaveBodies(entry.getValue())) {
                continue;
            }
            ClassNode host = new ClassNode();
            new ClassReader(entry.getValue()).accept(host, ClassReader.EXPAND_FRAMES);
            boolean loomOnly = loomOnlyClasses.stream().anyMatch(c -> LoomOnlyCode.within(host.name, c));
            HostWeave weave = new HostWeave(host, hierarchy, diagnostics, loomOnly);
            List<ClassNode> generated = weave.weave();
            if (generated == null) {
                continue;
            }
            changed.put(host.name, host);
            machines.addAll(generated);
            String nestHost = host.nestHostClass != null ? host.nestHostClass : host.name;
            for (ClassNode m : generated) {
                nestMembers.computeIfAbsent(nestHost, k -> new ArrayList<>()).add(m.name);
            }
        }
        for (Map.Entry<String, List<String>> nest : nestMembers.entrySet()) {
            ClassNode nestHost = changed.get(nest.getKey());
            if (nestHost == null) {
                byte[] bytes = classes.get(nest.getKey());
                if (bytes == null) {
                    ClassNode member = changed.values().stream()
                            .filter(c -> nest.getKey().equals(c.nestHostClass))
                            .findFirst()
                            .orElseThrow();
                    diagnostics.error(
                            member,
                            0,
                            "the nest host " + nest.getKey().replace('/', '.')
                                    + " is not among the classes woven together; weave a class with its outer class");
                    continue;
                }
                nestHost = new ClassNode();
                new ClassReader(bytes).accept(nestHost, ClassReader.EXPAND_FRAMES);
                changed.put(nestHost.name, nestHost);
            }
            if (nestHost.nestMembers == null) {
                nestHost.nestMembers = new ArrayList<>();
            }
            nestHost.nestMembers.addAll(nest.getValue());
        }
        if (!diagnostics.errors.isEmpty()) {
            return new WeaveResult(classes, diagnostics.errors, diagnostics.warnings);
        }
        for (ClassNode machine : machines) {
            hierarchy.add(machine.name, machine.superName, false, machine.interfaces);
        }
        for (ClassNode host : changed.values()) {
            mark(host);
            ClassWriter writer = new HierarchyClassWriter(ClassWriter.COMPUTE_MAXS, hierarchy);
            host.accept(writer);
            out.put(host.name, writer.toByteArray());
        }
        for (ClassNode machine : machines) {
            ClassWriter writer = new HierarchyClassWriter(ClassWriter.COMPUTE_FRAMES, hierarchy);
            machine.accept(writer);
            out.put(machine.name, writer.toByteArray());
            warnIfHuge(machine, diagnostics);
        }
        return new WeaveResult(out, diagnostics.errors, diagnostics.warnings);
    }

    /** The classes annotated {@code @LoomOnly}: they and the classes nested in them are left alone. */
    private static List<String> loomOnlyClasses(Map<String, byte[]> classes) {
        byte[] descriptor = LoomOnlyCode.DESCRIPTOR.getBytes(StandardCharsets.UTF_8);
        List<String> annotated = new ArrayList<>();
        classes.forEach((name, bytes) -> {
            if (contains(bytes, 0, bytes.length, descriptor)) {
                ClassNode c = new ClassNode();
                new ClassReader(bytes).accept(c, ClassReader.SKIP_CODE);
                if (LoomOnlyCode.annotated(c)) {
                    annotated.add(c.name);
                }
            }
        });
        return annotated;
    }

    private static void mark(ClassNode host) {
        if (host.invisibleAnnotations == null) {
            host.invisibleAnnotations = new ArrayList<>();
        }
        host.invisibleAnnotations.add(new AnnotationNode(Names.WOVEN_MARKER));
    }

    private static void warnIfHuge(ClassNode machine, Diagnostics diagnostics) {
        for (MethodNode method : machine.methods) {
            if (method.name.equals("moveNext") && method.instructions.getLast() instanceof LabelNode end) {
                int size = end.getLabel().getOffset();
                if (size > HUGE_METHOD_LIMIT) {
                    diagnostics.warning(
                            machine,
                            Diagnostics.firstLine(method),
                            "the state machine of this body ("
                                    + machine.name.replace('/', '.') + ".moveNext) is " + size
                                    + " bytes of bytecode, over"
                                    + " HotSpot's limit of " + HUGE_METHOD_LIMIT
                                    + " for compiling a method: it will always"
                                    + " run interpreted; split the body into smaller bodies");
                }
            }
        }
    }

    /**
     * The constant-pool pre-filter: a class that names no {@code dev/awaitable/Async*} type
     * cannot hold a body or an await, and one that carries the woven marker was woven already.
     * Both are left byte-for-byte as they are, without being parsed.
     */
    static boolean mayHaveBodies(byte[] bytes) {
        ClassReader reader = new ClassReader(bytes);
        byte[] async = "dev/awaitable/Async".getBytes(StandardCharsets.UTF_8);
        byte[] marker = Names.WOVEN_MARKER.getBytes(StandardCharsets.UTF_8);
        boolean mentionsAsync = false;
        for (int i = 1; i < reader.getItemCount(); i++) {
            int offset = reader.getItem(i);
            if (offset == 0 || bytes[offset - 1] != 1) { // not a CONSTANT_Utf8
                continue;
            }
            int length = reader.readUnsignedShort(offset);
            if (length == marker.length && regionMatches(bytes, offset + 2, length, marker)) {
                return false;
            }
            mentionsAsync |= contains(bytes, offset + 2, length, async);
        }
        return mentionsAsync;
    }

    private static boolean regionMatches(byte[] bytes, int from, int length, byte[] what) {
        for (int i = 0; i < length; i++) {
            if (bytes[from + i] != what[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean contains(byte[] bytes, int from, int length, byte[] what) {
        for (int i = 0; i + what.length <= length; i++) {
            if (regionMatches(bytes, from + i, what.length, what)) {
                return true;
            }
        }
        return false;
    }
}
