package dev.awaitable.weaver;

import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.tree.analysis.SimpleVerifier;

/**
 * ASM's {@link SimpleVerifier} answering its type questions from a {@link ClassHierarchy}, never by
 * loading. Used for the types of the values that cross an await, not to verify: javac's output is
 * taken as valid, so a reference is accepted wherever a reference is expected, even when the
 * hierarchy cannot tell (a class missing from the classpath).
 */
final class HierarchyVerifier extends SimpleVerifier {

    private final ClassHierarchy hierarchy;

    HierarchyVerifier(
            ClassHierarchy hierarchy, Type currentClass, Type superClass, List<Type> interfaces, boolean isInterface) {
        super(Opcodes.ASM9, currentClass, superClass, interfaces, isInterface);
        this.hierarchy = hierarchy;
    }

    @Override
    protected boolean isSubTypeOf(BasicValue value, BasicValue expected) {
        Type type = expected.getType();
        if (type != null && (type.getSort() == Type.OBJECT || type.getSort() == Type.ARRAY)) {
            return value.isReference();
        }
        return super.isSubTypeOf(value, expected);
    }

    @Override
    protected boolean isInterface(Type type) {
        return type.getSort() == Type.OBJECT && hierarchy.isInterface(type.getInternalName());
    }

    @Override
    protected Type getSuperClass(Type type) {
        if (type.getSort() == Type.ARRAY) {
            return Type.getObjectType(ClassHierarchy.OBJECT);
        }
        String superName = hierarchy.superClass(type.getInternalName());
        return superName == null ? null : Type.getObjectType(superName);
    }

    @Override
    protected boolean isAssignableFrom(Type to, Type from) {
        if (to.equals(from)) {
            return true;
        }
        if (to.getSort() == Type.ARRAY) {
            if (from.getSort() != Type.ARRAY) {
                return false;
            }
            Type toElement = Type.getType(to.getDescriptor().substring(1));
            Type fromElement = Type.getType(from.getDescriptor().substring(1));
            boolean references = toElement.getSort() >= Type.ARRAY && fromElement.getSort() >= Type.ARRAY;
            return references ? isAssignableFrom(toElement, fromElement) : toElement.equals(fromElement);
        }
        String name = to.getInternalName();
        if (from.getSort() == Type.ARRAY) {
            return name.equals(ClassHierarchy.OBJECT)
                    || name.equals("java/lang/Cloneable")
                    || name.equals("java/io/Serializable");
        }
        return hierarchy.isInterface(name) || hierarchy.isAssignable(name, from.getInternalName());
    }

    @Override
    protected Class<?> getClass(Type type) {
        throw new UnsupportedOperationException("the weaver loads no class: " + type);
    }
}
