package dev.awaitable.weaver.agent;

import dev.awaitable.weaver.WeaveDiagnostic;
import dev.awaitable.weaver.WeaveResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.instrument.ClassFileTransformer;
import java.nio.charset.StandardCharsets;
import java.security.ProtectionDomain;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Weaves classes as they are first loaded, a nest at a time.
 *
 * <p>The weaver takes a top-level class with its nested classes in one call (a machine becomes a
 * nestmate of its host), but a JVM loads them one by one. So the first class of a nest to be loaded
 * weaves the whole nest: the others are read as resources through the same loader, and their woven
 * bytes are kept until the loader defines them. The generated machines are defined in the same
 * loader before that first class is returned (see {@link ClassDefiner}), so they exist before any
 * code of the nest can name them.
 *
 * <p>States of a nest, per loader: absent (no class of it loaded yet) -> {@link Nest} recorded
 * (woven or left as is; never changes again). Two threads loading two classes of one new nest may
 * both weave it; the first to record its outcome wins and both use that outcome. Machines are
 * defined under the outcome's monitor, once, so no class of the nest is returned before its
 * machines exist.
 *
 * <p>Never retransforms: a class already loaded cannot gain methods or fields, so a class that is
 * redefined or retransformed passes through untouched.
 */
final class LoadTimeWeaver implements ClassFileTransformer {

    /** The constant that every class with a direct-style body has in its constant pool. */
    private static final byte[] ASYNC = "dev/awaitable/Async".getBytes(StandardCharsets.UTF_8);

    private static final List<String> NEVER_WOVEN =
            List.of("java/", "javax/", "jdk/", "sun/", "com/sun/", "org/objectweb/asm/", "dev/awaitable/weaver/");

    /**
     * The library's own packages (not their subpackages, where examples may live): they call
     * {@code Async.await} outside any body by design (the overloads of {@code await} delegate to
     * one another), which the weaver rightly refuses in user code.
     */
    private static final Set<String> LIBRARY_PACKAGES = Set.of(
            "dev/awaitable",
            "dev/awaitable/channels",
            "dev/awaitable/internal",
            "dev/awaitable/jfr",
            "dev/awaitable/spi",
            "dev/awaitable/streams",
            "dev/awaitable/statemachine",
            "dev/awaitable/loom");

    private final Function<Function<String, byte[]>, Function<Map<String, byte[]>, WeaveResult>> weavers;
    private final ClassDefiner definer;
    private final Predicate<String> included;
    private final PrintStream err;
    /**
     * Per loader, the nests met so far by host name. Weak in the loader, so a discarded loader (a
     * redeployed application) is not kept alive by the agent.
     */
    private final Map<ClassLoader, Map<String, Nest>> nests = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * @param weavers a weave call for a class path ({@code cp -> new Weaver(cp)::weave})
     * @param included true for the internal names of the classes to weave
     * @param err where load-time errors are printed
     */
    LoadTimeWeaver(
            Function<Function<String, byte[]>, Function<Map<String, byte[]>, WeaveResult>> weavers,
            ClassDefiner definer,
            Predicate<String> included,
            PrintStream err) {
        this.weavers = weavers;
        this.definer = definer;
        this.included = included;
        this.err = err;
    }

    /**
     * What became of one nest: the woven bytes of the classes that changed and are not loaded yet
     * (each is dropped once handed to the JVM), the machines to define.
     */
    private static final class Nest {
        static final Nest UNCHANGED = new Nest(Map.of(), Map.of());

        final Map<String, byte[]> woven;
        final Map<String, byte[]> generated;
        boolean defined;

        Nest(Map<String, byte[]> woven, Map<String, byte[]> generated) {
            this.woven = new ConcurrentHashMap<>(woven);
            this.generated = generated;
        }
    }

    @Override
    public byte[] transform(
            Module module,
            ClassLoader loader,
            String className,
            Class<?> classBeingRedefined,
            ProtectionDomain domain,
            byte[] classfile) {
        if (classBeingRedefined != null || loader == null || className == null || skipped(className)) {
            return null;
        }
        try {
            NestInfo info = NestInfo.of(classfile);
            if (info.members.isEmpty() && info.host == null && !contains(classfile, ASYNC)) {
                return null; // a class alone in its nest, with no body: the common case, decided cheaply
            }
            String host = info.host != null ? info.host : className;
            Map<String, Nest> ofLoader = nests.computeIfAbsent(loader, l -> new ConcurrentHashMap<>());
            Nest nest = ofLoader.get(host);
            if (nest == null) {
                Nest mine = weave(loader, host, className, classfile, info);
                nest = ofLoader.putIfAbsent(host, mine);
                if (nest == null) {
                    nest = mine;
                }
            }
            defineMachines(nest, loader, domain);
            return nest.woven.remove(className);
        } catch (RuntimeException | LinkageError e) {
            err.println("[awaitable-weaver] cannot weave " + className + ", left unwoven: " + e);
            e.printStackTrace(err);
            return null;
        }
    }

    private boolean skipped(String className) {
        for (String prefix : NEVER_WOVEN) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        int slash = className.lastIndexOf('/');
        if (slash > 0 && LIBRARY_PACKAGES.contains(className.substring(0, slash))) {
            return true;
        }
        return !included.test(className);
    }

    private Nest weave(ClassLoader loader, String host, String loading, byte[] loadingBytes, NestInfo info) {
        List<String> names = new ArrayList<>();
        names.add(host);
        names.addAll(host.equals(loading) ? info.members : NestInfo.of(read(loader, host)).members);
        Map<String, byte[]> classes = new LinkedHashMap<>();
        boolean anyBody = false;
        for (String name : names) {
            byte[] bytes = name.equals(loading) ? loadingBytes : read(loader, name);
            if (bytes == null) {
                return Nest.UNCHANGED; // part of the nest is missing: nothing to weave it against
            }
            classes.put(name, bytes);
            anyBody |= contains(bytes, ASYNC);
        }
        if (!anyBody) {
            return Nest.UNCHANGED;
        }
        WeaveResult result = weavers.apply(name -> read(loader, name)).apply(classes);
        if (!result.ok()) {
            for (WeaveDiagnostic d : result.errors()) {
                err.println("[awaitable-weaver] " + d);
            }
            err.println("[awaitable-weaver] " + host.replace('/', '.')
                    + " left unwoven: its direct-style bodies cannot run on the statemachine backend");
            return Nest.UNCHANGED;
        }
        for (WeaveDiagnostic d : result.warnings()) {
            err.println("[awaitable-weaver] " + d.toString().replace(": error: ", ": warning: "));
        }
        Map<String, byte[]> woven = new LinkedHashMap<>();
        Map<String, byte[]> generated = new LinkedHashMap<>();
        result.classes().forEach((name, bytes) -> {
            byte[] before = classes.get(name);
            if (before == null) {
                generated.put(name, bytes);
            } else if (!Arrays.equals(before, bytes)) {
                woven.put(name, bytes);
            }
        });
        for (byte[] machine : generated.values()) {
            if (!supertypesVisible(loader, machine)) {
                // The statemachine backend is not on this loader's class path: its machines could
                // never run here, and the original bodies run on loom unchanged.
                return Nest.UNCHANGED;
            }
        }
        return woven.isEmpty() && generated.isEmpty() ? Nest.UNCHANGED : new Nest(woven, generated);
    }

    private void defineMachines(Nest nest, ClassLoader loader, ProtectionDomain domain) {
        if (nest.generated.isEmpty()) {
            return;
        }
        synchronized (nest) {
            if (!nest.defined) {
                nest.defined = true;
                nest.generated.forEach((name, bytes) -> definer.define(loader, name, bytes, domain));
            }
        }
    }

    private static boolean supertypesVisible(ClassLoader loader, byte[] machine) {
        ClassReader reader = new ClassReader(machine);
        if (reader.getSuperName() != null && read(loader, reader.getSuperName()) == null) {
            return false;
        }
        for (String type : reader.getInterfaces()) {
            if (read(loader, type) == null) {
                return false;
            }
        }
        return true;
    }

    /** The class file of {@code internalName} as {@code loader} would find it, or null. */
    static byte[] read(ClassLoader loader, String internalName) {
        try (InputStream in = loader.getResourceAsStream(internalName + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0, last = haystack.length - needle.length; i <= last; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** A class's {@code NestHost} and {@code NestMembers} attributes. */
    private static final class NestInfo {
        String host;
        final List<String> members = new ArrayList<>();

        static NestInfo of(byte[] classfile) {
            NestInfo info = new NestInfo();
            if (classfile == null) {
                return info;
            }
            new ClassReader(classfile)
                    .accept(
                            new ClassVisitor(Opcodes.ASM9) {
                                @Override
                                public void visitNestHost(String nestHost) {
                                    info.host = nestHost;
                                }

                                @Override
                                public void visitNestMember(String nestMember) {
                                    info.members.add(nestMember);
                                }
                            },
                            ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            return info;
        }
    }
}
