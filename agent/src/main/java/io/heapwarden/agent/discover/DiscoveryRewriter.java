package io.heapwarden.agent.discover;

import io.heapwarden.agent.instrument.ClassRewriter;
import io.heapwarden.agent.instrument.CodeAttributes;
import io.heapwarden.bootstrap.discover.TrackedFields;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * In the classes of {@code discover.packages}, passes every value stored in a collection-typed
 * field of those packages to {@link io.heapwarden.bootstrap.discover.DiscoveryHooks#onStore} too:
 *
 * <pre>
 *   putfield Owner.entries : Ljava/util/Map;
 * becomes
 *   dup; ldc fieldId
 *   invokestatic DiscoveryHooks.onStore(Object, int) : void
 *   putfield Owner.entries : Ljava/util/Map;
 * </pre>
 *
 * The value stored is the value given: nothing is wrapped or replaced. Straight-line code that
 * leaves the stack as it found it, so the stack-map frames stay valid (only max-stack is
 * recomputed) and no class is loaded to rewrite.
 */
final class DiscoveryRewriter implements ClassRewriter {
  static final String HOOK_OWNER = "io/heapwarden/bootstrap/discover/DiscoveryHooks";
  static final String HOOK_NAME = "onStore";
  static final String HOOK_DESCRIPTOR = "(Ljava/lang/Object;I)V";

  private final CollectionFieldTypes types;

  DiscoveryRewriter(CollectionFieldTypes types) {
    this.types = types;
  }

  @Override
  public byte @Nullable [] rewrite(
      @Nullable ClassLoader loader, String internalName, byte[] classFile) {
    if (!types.inPackages(internalName)) {
      return null;
    }
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    boolean[] changed = new boolean[1];
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String descriptor, String signature, String[] exceptions) {
            MethodVisitor next = super.visitMethod(access, name, descriptor, signature, exceptions);
            return CodeAttributes.dropUnknown(
                new MethodVisitor(Opcodes.ASM9, next) {
                  @Override
                  public void visitFieldInsn(int opcode, String owner, String field, String type) {
                    if ((opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC)
                        && types.inPackages(owner)
                        && types.tracked(type)) {
                      int id =
                          TrackedFields.register(
                              owner.replace('/', '.'),
                              field,
                              Type.getType(type).getClassName(),
                              opcode == Opcodes.PUTSTATIC);
                      super.visitInsn(Opcodes.DUP);
                      super.visitLdcInsn(id);
                      super.visitMethodInsn(
                          Opcodes.INVOKESTATIC, HOOK_OWNER, HOOK_NAME, HOOK_DESCRIPTOR, false);
                      changed[0] = true;
                    }
                    super.visitFieldInsn(opcode, owner, field, type);
                  }
                });
          }
        },
        0);
    return changed[0] ? writer.toByteArray() : null;
  }
}
