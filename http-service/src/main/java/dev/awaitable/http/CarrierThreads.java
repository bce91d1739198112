package dev.awaitable.http;

import java.lang.management.ManagementFactory;
import java.lang.management.PlatformManagedObject;
import java.lang.reflect.Method;
import java.util.function.IntSupplier;

/**
 * Counts virtual-thread carriers, for the HTTP server's stats and the JMH cells' profiler: the
 * loom backend's own carriers plus the pool of the JDK's default virtual-thread scheduler (its
 * JDK 24+ management bean), without any thread snapshot. Never {@code ThreadMXBean.getThreadInfo}
 * or {@code dumpAllThreads}: on JDK 25 we saw them crash the JVM while a virtual thread was mounting.
 */
public final class CarrierThreads {

    private CarrierThreads() {}

    /** A counter of the carriers alive when it is asked. */
    public static IntSupplier counter() {
        IntSupplier jdkPool = () -> 0;
        try {
            Class<?> type = Class.forName("jdk.management.VirtualThreadSchedulerMXBean");
            @SuppressWarnings("unchecked")
            Object bean = ManagementFactory.getPlatformMXBean((Class<? extends PlatformManagedObject>) type);
            Method poolSize = type.getMethod("getPoolSize");
            jdkPool = () -> {
                try {
                    return (Integer) poolSize.invoke(bean);
                } catch (ReflectiveOperationException e) {
                    return 0;
                }
            };
        } catch (ReflectiveOperationException | RuntimeException e) {
            // JDK 21-23: no bean; the JDK's own pool is not counted there
        }
        IntSupplier jdk = jdkPool;
        return () -> dev.awaitable.loom.LoomBackend.carrierThreads() + jdk.getAsInt();
    }
}
