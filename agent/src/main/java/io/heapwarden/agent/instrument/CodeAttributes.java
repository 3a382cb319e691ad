package io.heapwarden.agent.instrument;

import org.objectweb.asm.Attribute;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Drops the non-standard attributes of a method's {@code Code} attribute while the method passes to
 * a rewriter. They refer to bytecode offsets, which a rewrite moves, and the JVM ignores them; ASM,
 * which cannot tell what they mean, would move them up to the method, where one that bears a
 * standard name (a second {@code Code}, say) makes a class the JVM refuses (found by fuzzing the
 * transformer). Attributes the method itself carries pass as they are.
 */
public final class CodeAttributes extends MethodVisitor {
  private boolean inCode;

  private CodeAttributes(MethodVisitor next) {
    super(Opcodes.ASM9, next);
  }

  /** {@code next}, fed without the unknown attributes of its code. */
  public static MethodVisitor dropUnknown(MethodVisitor next) {
    return new CodeAttributes(next);
  }

  @Override
  public void visitCode() {
    inCode = true; // ClassReader visits a method's own attributes before its code
    super.visitCode();
  }

  @Override
  public void visitAttribute(Attribute attribute) {
    if (!inCode) {
      super.visitAttribute(attribute);
    }
  }
}
