package dev.awaitable.weaver.harness;

import java.util.Map;

/**
 * Defines woven classes (and the unchanged classes woven beside them, so package-private access
 * between them holds) ahead of its parent; everything else, the harness and the library
 * included, comes from the parent, so woven and original code share {@link Env} and the backends.
 */
public final class WovenLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private final Map<String, byte[]> classes;
    private final String hiddenPackage;

    public WovenLoader(Map<String, byte[]> classes) {
        this(classes, null);
    }

    /**
     * A loader that also hides a package of the parent's, as if its jar were not on the class
     * path: {@code "dev.awaitable.statemachine."} gives the class path of a loom-only deployment.
     */
    public WovenLoader(Map<String, byte[]> classes, String hiddenPackage) {
        super("woven", WovenLoader.class.getClassLoader());
        this.classes = classes;
        this.hiddenPackage = hiddenPackage;
    }

    /** True when this loader defined the class (by binary name) so far. */
    public boolean defined(String name) {
        synchronized (getClassLoadingLock(name)) {
            return findLoadedClass(name) != null;
        }
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (hiddenPackage != null && name.startsWith(hiddenPackage)) {
            throw new ClassNotFoundException(name + " (hidden: not on this class path)");
        }
        byte[] bytes = classes.get(name.replace('.', '/'));
        if (bytes == null) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                loaded = defineClass(name, bytes, 0, bytes.length);
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }
}
