package dev.awaitable.reliability.weaving;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The class files the differential hands the weaver for its supertype questions: the program's
 * own first, then the JDK's and the test class path's, and null for an unknown name.
 */
class WeavingClasspathTest {

    private static final byte[] MAGIC = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE};

    @Test
    void findsTheProgramTheApiAndTheJdk() {
        byte[] own = {1, 2, 3};
        Function<String, byte[]> classpath = WeaveDifferential.classpath(Map.of("gen/P0", own));
        assertThat(classpath.apply("gen/P0")).isSameAs(own);
        for (String name : new String[] {
            "java/lang/String",
            "java/lang/RuntimeException",
            "dev/awaitable/Async",
            "dev/awaitable/spi/WovenBody",
            "dev/awaitable/reliability/weaving/SourceFault"
        }) {
            assertThat(classpath.apply(name)).as(name).startsWith(MAGIC);
        }
        assertThat(classpath.apply("no/such/Type")).isNull();
    }
}
