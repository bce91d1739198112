package dev.awaitable.weaver.agent;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.ProtectionDomain;
import java.util.Map;
import java.util.Set;

/**
 * Defines a class in a given class loader, as that loader would define one of its own: the way
 * a generated state machine joins its host's loader and package, so it can be its nestmate.
 *
 * <p>{@code ClassLoader.defineClass} is protected. An agent may open {@code java.lang} to its own
 * module, which is what {@link Instrumentation#redefineModule} is for; it does so once, at
 * {@code premain}. Loaded from the class path, as {@code -javaagent} loads it, the agent's module
 * is the system class loader's unnamed module: the opening then reaches all class-path code, as
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED} would. That is the price of a development-time
 * agent; the Maven goal, which weaves at build time, needs no such access.
 */
final class ClassDefiner {

    private final Method defineClass;

    private ClassDefiner(Method defineClass) {
        this.defineClass = defineClass;
    }

    /** Opens {@code java.lang} to this agent's module and looks up {@code ClassLoader.defineClass}. */
    static ClassDefiner open(Instrumentation inst) throws ReflectiveOperationException {
        Module javaBase = Object.class.getModule();
        Module agent = ClassDefiner.class.getModule();
        if (!javaBase.isOpen("java.lang", agent)) {
            inst.redefineModule(javaBase, Set.of(), Map.of(), Map.of("java.lang", Set.of(agent)), Set.of(), Map.of());
        }
        Method m = ClassLoader.class.getDeclaredMethod(
                "defineClass", String.class, byte[].class, int.class, int.class, ProtectionDomain.class);
        m.setAccessible(true);
        return new ClassDefiner(m);
    }

    /**
     * Defines {@code internalName} in {@code loader}. A class of that name the loader already has
     * (another thread defined the same bytes first) is not an error.
     */
    void define(ClassLoader loader, String internalName, byte[] bytes, ProtectionDomain domain) {
        try {
            defineClass.invoke(loader, internalName.replace('/', '.'), bytes, 0, bytes.length, domain);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof LinkageError && isDefined(loader, internalName)) {
                return; // racy, but benign: the same nest woven twice yields the same bytes
            }
            throw new IllegalStateException("Cannot define " + internalName + " in " + loader, e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("java.lang is not open to the weaver agent", e);
        }
    }

    private static boolean isDefined(ClassLoader loader, String internalName) {
        try {
            return Class.forName(internalName.replace('/', '.'), false, loader).getClassLoader() == loader;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
