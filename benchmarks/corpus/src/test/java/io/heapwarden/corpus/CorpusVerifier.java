package io.heapwarden.corpus;

import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;
import org.objectweb.asm.tree.analysis.SimpleVerifier;

/**
 * ASM's type-checking verifier, with the class hierarchy read from the corpus's class files instead
 * of loaded classes. Assignability follows the JVM's verifier: any reference is assignable to an
 * interface type (the JVM checks interface types at the call, not in the verifier).
 */
final class CorpusVerifier extends SimpleVerifier {
  private static final Type OBJECT = Type.getObjectType("java/lang/Object");

  private final Hierarchy hierarchy;

  CorpusVerifier(Hierarchy hierarchy, Hierarchy.Info current) {
    super(
        Opcodes.ASM9,
        Type.getObjectType(current.name()),
        current.superName() == null ? null : Type.getObjectType(current.superName()),
        current.interfaces().stream().map(Type::getObjectType).toList(),
        current.isInterface());
    this.hierarchy = hierarchy;
  }

  @Override
  protected boolean isInterface(Type type) {
    return type.getSort() == Type.OBJECT && hierarchy.require(type.getInternalName()).isInterface();
  }

  @Override
  protected Type getSuperClass(Type type) {
    if (type.getSort() == Type.ARRAY) {
      return OBJECT;
    }
    String superName = hierarchy.require(type.getInternalName()).superName();
    return superName == null ? null : Type.getObjectType(superName);
  }

  @Override
  protected boolean isAssignableFrom(Type type, Type other) {
    if (type.equals(other) || type.equals(OBJECT)) {
      return true;
    }
    if (type.getSort() == Type.ARRAY) {
      if (other.getSort() != Type.ARRAY) {
        return false;
      }
      Type element = Type.getType(type.getDescriptor().substring(1));
      Type otherElement = Type.getType(other.getDescriptor().substring(1));
      boolean references = element.getSort() >= Type.ARRAY && otherElement.getSort() >= Type.ARRAY;
      return references ? isAssignableFrom(element, otherElement) : element.equals(otherElement);
    }
    if (isInterface(type)) {
      return true;
    }
    if (other.getSort() == Type.ARRAY) {
      return false; // a class other than Object
    }
    for (String name = other.getInternalName(); name != null; ) {
      if (name.equals(type.getInternalName())) {
        return true;
      }
      name = hierarchy.require(name).superName();
    }
    return false;
  }

  @Override
  protected Class<?> getClass(Type type) {
    throw new UnsupportedOperationException("the corpus check loads no class: " + type);
  }
}
