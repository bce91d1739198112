package dev.awaitable.analyzer;

import java.lang.reflect.Method;

/**
 * Silences JMC's {@code java.util.logging} output ("Could not find field with name 'virtual' in
 * reader for 'thread'") while its parser and rules run, and restores the previous level after.
 *
 * <p>Reflective because this module does not read {@code java.logging} (JMC's modules do, so it
 * is always present at run time). If it is somehow absent, nothing is silenced and nothing fails.
 */
final class JmcLogging {
    private static final String LOGGER = "org.openjdk.jmc";

    /** Held strongly: a logger nobody references may be collected, and its level with it. */
    private static volatile Object logger;

    private JmcLogging() {}

    /** Sets JMC's root logger to OFF; returns what {@link #restore} needs (its previous level, maybe null). */
    static Object silence() {
        try {
            Class<?> loggerClass = Class.forName("java.util.logging.Logger");
            Class<?> levelClass = Class.forName("java.util.logging.Level");
            Object l = loggerClass.getMethod("getLogger", String.class).invoke(null, LOGGER);
            logger = l;
            Object previous = loggerClass.getMethod("getLevel").invoke(l);
            setLevel(l, levelClass.getField("OFF").get(null));
            return new Object[] {previous};
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    static void restore(Object token) {
        if (token instanceof Object[] previous && logger != null) {
            try {
                setLevel(logger, previous[0]);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // left silenced: only JMC's own diagnostics are affected
            }
        }
    }

    private static void setLevel(Object l, Object level) throws ReflectiveOperationException {
        Class<?> levelClass = Class.forName("java.util.logging.Level");
        Method set = l.getClass().getMethod("setLevel", levelClass);
        set.invoke(l, level);
    }
}
