package io.heapwarden.agent.instrument.singletons;

import io.heapwarden.agent.instrument.RuleMatches;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * In a constructor of a class named by an {@code instances:} rule: before each {@code return},
 * {@code InstanceHooks.constructed(this, ruleId)}. A constructor that delegates with {@code
 * this(...)} is left alone, so each instance is counted once, by the constructor that completes it.
 * The inserted code is straight-line and leaves the stack as it found it: frames stay valid.
 */
final class ConstructorEndHook extends MethodVisitor {
  static final String HOOKS = "io/heapwarden/bootstrap/instances/InstanceHooks";

  private final String className;
  private final InstanceTarget target;
  private final boolean[] changed;
  private int openNews;
  private boolean delegates;
  private boolean initialized;

  ConstructorEndHook(
      MethodVisitor next, String className, InstanceTarget target, boolean[] changed) {
    super(Opcodes.ASM9, next);
    this.className = className;
    this.target = target;
    this.changed = changed;
  }

  @Override
  public void visitTypeInsn(int opcode, String type) {
    if (opcode == Opcodes.NEW) {
      openNews++;
    }
    super.visitTypeInsn(opcode, type);
  }

  @Override
  public void visitMethodInsn(
      int opcode, String owner, String name, String descriptor, boolean isInterface) {
    if (opcode == Opcodes.INVOKESPECIAL && name.equals("<init>")) {
      if (openNews > 0) {
        openNews--;
      } else if (!initialized) {
        initialized = true;
        delegates = owner.equals(className);
      }
    }
    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
  }

  @Override
  public void visitInsn(int opcode) {
    if (opcode == Opcodes.RETURN && initialized && !delegates) {
      super.visitVarInsn(Opcodes.ALOAD, 0);
      Descriptors.pushInt(this.mv, target.ruleId());
      super.visitMethodInsn(
          Opcodes.INVOKESTATIC, HOOKS, "constructed", "(Ljava/lang/Object;I)V", false);
      RuleMatches.mark(target.ruleId());
      changed[0] = true;
    }
    super.visitInsn(opcode);
  }
}
