package dev.awaitable.weaver.maven;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Splits the classes of one output directory into the sets the weaver takes in one call: a
 * top-level class with every class nested in it (member, local, anonymous), since a generated
 * machine joins its host's nest and may touch any nestmate's private members.
 *
 * <p>The nest host comes from the class's {@code NestHost} attribute (class files of version 55 and
 * up, which is all javac 21 writes); an older class without one is grouped under the longest
 * {@code $}-prefix of its name that is a class of the same directory, else under itself.
 */
final class NestGroups {

    private NestGroups() {}

    /**
     * The nests of {@code classes}: each nest host's internal name to the classes of its nest (the
     * host included), hosts in name order.
     *
     * @param classes class files by internal name
     */
    static Map<String, Map<String, byte[]>> of(Map<String, byte[]> classes) {
        Map<String, Map<String, byte[]>> groups = new TreeMap<>();
        classes.forEach(
                (name, bytes) -> groups.computeIfAbsent(hostOf(name, bytes, classes), h -> new LinkedHashMap<>())
                        .put(name, bytes));
        return groups;
    }

    private static String hostOf(String name, byte[] bytes, Map<String, byte[]> classes) {
        String[] host = {null};
        new ClassReader(bytes)
                .accept(
                        new ClassVisitor(Opcodes.ASM9) {
                            @Override
                            public void visitNestHost(String nestHost) {
                                host[0] = nestHost;
                            }
                        },
                        ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
        if (host[0] != null) {
            return host[0];
        }
        for (int dollar = name.lastIndexOf('$'); dollar > 0; dollar = name.lastIndexOf('$', dollar - 1)) {
            String outer = name.substring(0, dollar);
            if (classes.containsKey(outer)) {
                return hostOf(outer, classes.get(outer), classes);
            }
        }
        return name;
    }
}
