package dev.awaitable.weaver;

import org.objectweb.asm.ClassWriter;

/** A {@link ClassWriter} whose frame computation asks a {@link ClassHierarchy}, never a class loader. */
final class HierarchyClassWriter extends ClassWriter {

    private final ClassHierarchy hierarchy;

    HierarchyClassWriter(int flags, ClassHierarchy hierarchy) {
        super(flags);
        this.hierarchy = hierarchy;
    }

    @Override
    protected String getCommonSuperClass(String type1, String type2) {
        return hierarchy.commonSuperClass(type1, type2);
    }
}
