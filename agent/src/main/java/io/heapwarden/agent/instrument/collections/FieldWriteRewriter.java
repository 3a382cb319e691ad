package io.heapwarden.agent.instrument.collections;

import io.heapwarden.agent.instrument.ClassRewriter;
import io.heapwarden.agent.instrument.CodeAttributes;
import io.heapwarden.agent.instrument.RuleMatches;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Rewrites every store into a ruled field, in any class, so that the value passes through {@link
 * io.heapwarden.bootstrap.collections.CollectionHooks#onFieldWrite} first (for a {@code sessions:}
 * rule, {@link io.heapwarden.bootstrap.sessions.SessionHooks#onFieldWrite}; see {@link FieldHook}):
 *
 * <pre>
 *   putfield Owner.entries : Ljava/util/Map;
 * becomes
 *   ldc ruleId; iconst lru
 *   invokestatic CollectionHooks.onFieldWrite(Object, int, boolean) : Object
 *   checkcast java/util/Map
 *   putfield Owner.entries : Ljava/util/Map;
 * </pre>
 *
 * The inserted code is straight-line and leaves the operand stack as it found it, so existing
 * stack-map frames stay valid and only max-stack is recomputed: no class is loaded to compute
 * frames, and class files of every version are handled the same way.
 */
public final class FieldWriteRewriter implements ClassRewriter {
  static final String HOOK_NAME = "onFieldWrite";
  static final String HOOK_DESCRIPTOR = "(Ljava/lang/Object;IZ)Ljava/lang/Object;";

  private final List<CollectionTarget> targets;
  private final Set<String> fieldNames = new HashSet<>();
  private final UnboundableFieldReporter reporter;

  public FieldWriteRewriter(List<CollectionTarget> targets, UnboundableFieldReporter reporter) {
    this.targets = List.copyOf(targets);
    this.reporter = reporter;
    for (CollectionTarget target : targets) {
      fieldNames.add(target.field());
    }
  }

  @Override
  public byte @Nullable [] rewrite(
      @Nullable ClassLoader loader, String internalName, byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    boolean[] changed = new boolean[1];
    // One resolution per owner and field in this class: each may read superclass files.
    Map<String, Optional<CollectionTarget>> resolved = new HashMap<>();
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
                        && fieldNames.contains(field)) {
                      Optional<CollectionTarget> target =
                          resolved.computeIfAbsent(
                              owner + '.' + field + ':' + type,
                              key ->
                                  Optional.ofNullable(match(loader, reader, owner, field, type)));
                      if (target.isPresent()) {
                        emitHook(this, target.get(), type);
                        changed[0] = true;
                      }
                    }
                    super.visitFieldInsn(opcode, owner, field, type);
                  }
                });
          }
        },
        0);
    return changed[0] ? writer.toByteArray() : null;
  }

  private @Nullable CollectionTarget match(
      @Nullable ClassLoader loader, ClassReader reader, String owner, String field, String type) {
    for (CollectionTarget target : targets) {
      if (!target.field().equals(field)
          || !FieldOwnerResolver.resolvesTo(
              loader, reader, owner, field, target.ownerInternalName())) {
        continue;
      }
      String whyNot = target.hook().whyNot(type);
      if (whyNot != null) {
        reporter.report(target, Type.getType(type).getClassName(), whyNot);
        return null;
      }
      return target;
    }
    return null;
  }

  private static void emitHook(MethodVisitor method, CollectionTarget target, String type) {
    RuleMatches.mark(target.ruleId());
    method.visitLdcInsn(target.ruleId());
    method.visitInsn(target.lru() ? Opcodes.ICONST_1 : Opcodes.ICONST_0);
    method.visitMethodInsn(
        Opcodes.INVOKESTATIC, target.hook().owner(), HOOK_NAME, HOOK_DESCRIPTOR, false);
    method.visitTypeInsn(Opcodes.CHECKCAST, Type.getType(type).getInternalName());
  }
}
