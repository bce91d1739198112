package dev.awaitable.weaver;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Which class is a supertype of which, read from class files (the classes being woven first, then
 * the classpath function, then the running JDK's own class files for {@code java.*} and the other
 * platform modules), never by loading a class: what frame computation and the liveness analysis's
 * verifier ask. An unknown class is taken for a direct subclass of {@code Object}.
 */
final class ClassHierarchy {

    static final String OBJECT = "java/lang/Object";

    private record Supertypes(String superName, boolean isInterface, List<String> interfaces) {}

    private static final Supertypes UNKNOWN = new Supertypes(OBJECT, false, List.of());

    private final Function<String, byte[]> classpath;
    private final Map<String, byte[]> given = new HashMap<>();
    private final Map<String, Supertypes> cache = new HashMap<>();
    private final Map<String, Map<String, Integer>> members = new HashMap<>();

    ClassHierarchy(Function<String, byte[]> classpath) {
        this.classpath = classpath;
    }

    /** Adds a class being woven or generated, ahead of the classpath. */
    void add(String name, String superName, boolean isInterface, List<String> interfaces) {
        cache.put(name, new Supertypes(superName, isInterface, List.copyOf(interfaces)));
    }

    void addClassFile(String name, byte[] bytes) {
        given.put(name, bytes);
    }

    private Supertypes info(String name) {
        if (OBJECT.equals(name)) {
            return new Supertypes(null, false, List.of());
        }
        Supertypes known = cache.get(name);
        if (known != null) {
            return known;
        }
        byte[] bytes = given.get(name);
        if (bytes == null) {
            bytes = classpath.apply(name);
        }
        if (bytes == null) {
            bytes = platformClassFile(name);
        }
        Supertypes info = UNKNOWN;
        if (bytes != null) {
            ClassReader reader = new ClassReader(bytes);
            String superName = reader.getSuperName();
            info = new Supertypes(
                    superName == null ? OBJECT : superName,
                    (reader.getAccess() & Opcodes.ACC_INTERFACE) != 0,
                    List.of(reader.getInterfaces()));
        }
        cache.put(name, info);
        return info;
    }

    /** A class file of the JDK's platform modules, read as a resource (a caller's classpath may leave the JDK out). */
    private static byte[] platformClassFile(String name) {
        try (InputStream in = ClassLoader.getPlatformClassLoader().getResourceAsStream(name + ".class")) {
            return in == null ? null : in.readAllBytes();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * The class that declares the field or method {@code name desc} seen through {@code owner}
     * (owner, then its superclasses), with its access flags: {@code {declaringClass, access}}, or
     * null when no class file on the way knows it.
     */
    Object[] declaration(String owner, String name, String desc) {
        for (String c = owner; c != null; c = superClass(c)) {
            Integer access = membersOf(c).get(name + desc);
            if (access != null) {
                return new Object[] {c, access};
            }
        }
        return null;
    }

    private Map<String, Integer> membersOf(String name) {
        return members.computeIfAbsent(name, n -> {
            Map<String, Integer> found = new HashMap<>();
            byte[] bytes = given.get(n);
            if (bytes == null) {
                bytes = classpath.apply(n);
            }
            if (bytes == null) {
                bytes = platformClassFile(n);
            }
            if (bytes != null) {
                new ClassReader(bytes)
                        .accept(
                                new ClassVisitor(Opcodes.ASM9) {
                                    @Override
                                    public FieldVisitor visitField(
                                            int access, String f, String d, String signature, Object value) {
                                        found.put(f + d, access);
                                        return null;
                                    }

                                    @Override
                                    public MethodVisitor visitMethod(
                                            int access, String m, String d, String signature, String[] e) {
                                        found.put(m + d, access);
                                        return null;
                                    }
                                },
                                ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
            }
            return found;
        });
    }

    boolean isInterface(String name) {
        return info(name).isInterface();
    }

    /** The superclass, or null for {@code Object}; {@code Object} for an interface. */
    String superClass(String name) {
        if (OBJECT.equals(name)) {
            return null;
        }
        Supertypes info = info(name);
        return info.isInterface() ? OBJECT : info.superName();
    }

    /** True when a value of class {@code from} may be assigned to a variable of class {@code to}. */
    boolean isAssignable(String to, String from) {
        if (to.equals(from) || OBJECT.equals(to)) {
            return true;
        }
        List<String> pending = new ArrayList<>();
        pending.add(from);
        while (!pending.isEmpty()) {
            String c = pending.removeLast();
            if (c.equals(to)) {
                return true;
            }
            if (OBJECT.equals(c)) {
                continue;
            }
            Supertypes info = info(c);
            if (info.superName() != null) {
                pending.add(info.superName());
            }
            pending.addAll(info.interfaces());
        }
        return false;
    }

    /** The nearest common superclass, as frame computation wants it ({@code Object} for interfaces). */
    String commonSuperClass(String a, String b) {
        if (a.equals(b)) {
            return a;
        }
        if (isInterface(a) || isInterface(b)) {
            return OBJECT;
        }
        List<String> chainOfA = new ArrayList<>();
        for (String c = a; c != null; c = superClass(c)) {
            chainOfA.add(c);
        }
        for (String c = b; c != null; c = superClass(c)) {
            if (chainOfA.contains(c)) {
                return c;
            }
        }
        return OBJECT;
    }
}
