package dev.awaitable.reliability.weaving;

import java.util.Map;

/**
 * A throwaway loader of class files held in memory (keyed by internal name), delegating first to
 * the test's loader, which supplies the API, both backends and the harness types.
 */
final class MemoryClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> classes;

    MemoryClassLoader(Map<String, byte[]> classes) {
        super("weaving-programs", MemoryClassLoader.class.getClassLoader());
        this.classes = classes;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = classes.get(name.replace('.', '/'));
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return defineClass(name, bytes, 0, bytes.length);
    }
}
