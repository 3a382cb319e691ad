package io.heapwarden.agent.instrument.singletons;

import org.objectweb.asm.AnnotationVisitor;
import org.objectweb.asm.Attribute;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.TypePath;

/**
 * Splits a ruled factory method in two: its body goes to a private synthetic copy (the original
 * code, unchanged), everything the outside world sees (annotations, parameter names) stays on the
 * method of the original name, whose body {@link SyntheticMethods#emitMemoized} writes at the end.
 *
 * <p>Why the method and not its call sites: every caller is covered, including reflection, method
 * references and callers in class loaders the agent never sees, and only the one declaring class is
 * rewritten.
 */
final class FactorySplitter extends MethodVisitor {
  private final MethodVisitor wrapper;
  private final Runnable writeWrapper;

  FactorySplitter(MethodVisitor body, MethodVisitor wrapper, Runnable writeWrapper) {
    super(Opcodes.ASM9, body);
    this.wrapper = wrapper;
    this.writeWrapper = writeWrapper;
  }

  @Override
  public void visitParameter(String name, int access) {
    wrapper.visitParameter(name, access);
  }

  @Override
  public AnnotationVisitor visitAnnotationDefault() {
    return wrapper.visitAnnotationDefault();
  }

  @Override
  public AnnotationVisitor visitAnnotation(String descriptor, boolean visible) {
    return wrapper.visitAnnotation(descriptor, visible);
  }

  @Override
  public AnnotationVisitor visitTypeAnnotation(
      int typeRef, TypePath typePath, String descriptor, boolean visible) {
    return wrapper.visitTypeAnnotation(typeRef, typePath, descriptor, visible);
  }

  @Override
  public void visitAnnotableParameterCount(int parameterCount, boolean visible) {
    wrapper.visitAnnotableParameterCount(parameterCount, visible);
  }

  @Override
  public AnnotationVisitor visitParameterAnnotation(
      int parameter, String descriptor, boolean visible) {
    return wrapper.visitParameterAnnotation(parameter, descriptor, visible);
  }

  @Override
  public void visitAttribute(Attribute attribute) {
    wrapper.visitAttribute(attribute);
  }

  @Override
  public void visitEnd() {
    super.visitEnd();
    writeWrapper.run();
  }
}
