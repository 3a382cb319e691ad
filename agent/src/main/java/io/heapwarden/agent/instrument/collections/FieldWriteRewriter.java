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
 *
 * <p>In a class loaded before a dynamic attach ({@link #rewriteLoaded}), the reads of a ruled field
 * go through {@link io.heapwarden.bootstrap.collections.AdoptedFields} too (for a {@code sessions:}
 * rule, by way of {@code SessionHooks.onFieldRead}), so that a collection stored before the attach
 * is bounded on its next read:
 *
 * <pre>
 *   getfield Owner.entries : Ljava/util/Map;
 * becomes
 *   dup                                  (getstatic: aconst_null, then the getstatic)
 *   getfield Owner.entries : Ljava/util/Map;
 *   ldc ruleId; iconst lru
 *   invokestatic AdoptedFields.onFieldRead(Object, Object, int, boolean) : Object
 *   checkcast java/util/Map
 * </pre>
 */
public final class FieldWriteRewriter implements ClassRewriter {
  static final String HOOK_NAME = "onFieldWrite";
  static final String HOOK_DESCRIPTOR = "(Ljava/lang/Object;IZ)Ljava/lang/Object;";
  static final String READ_HOOK_NAME = "onFieldRead";
  static final String READ_HOOK_DESCRIPTOR =
      "(Ljava/lang/Object;Ljava/lang/Object;IZ)Ljava/lang/Object;";

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
    return rewrite(loader, classFile, false);
  }

  @Override
  public byte @Nullable [] rewriteLoaded(
      @Nullable ClassLoader loader, String internalName, byte[] classFile) {
    return rewrite(loader, classFile, true);
  }

  private byte @Nullable [] rewrite(
      @Nullable ClassLoader loader, byte[] classFile, boolean hookReads) {
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
                    boolean write = opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC;
                    if ((write || hookReads) && fieldNames.contains(field)) {
                      Optional<CollectionTarget> target =
                          resolved.computeIfAbsent(
                              owner + '.' + field + ':' + type,
                              key ->
                                  Optional.ofNullable(match(loader, reader, owner, field, type)));
                      if (target.isPresent() && write) {
                        emitHook(this, target.get(), type);
                        changed[0] = true;
                      } else if (target.isPresent()) {
                        emitReadHook(next, opcode, owner, field, type, target.get());
                        changed[0] = true;
                        return;
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

  private static void emitReadHook(
      MethodVisitor method,
      int opcode,
      String owner,
      String field,
      String type,
      CollectionTarget target) {
    RuleMatches.mark(target.ruleId());
    method.visitInsn(opcode == Opcodes.GETFIELD ? Opcodes.DUP : Opcodes.ACONST_NULL);
    method.visitFieldInsn(opcode, owner, field, type);
    method.visitLdcInsn(target.ruleId());
    method.visitInsn(target.lru() ? Opcodes.ICONST_1 : Opcodes.ICONST_0);
    method.visitMethodInsn(
        Opcodes.INVOKESTATIC,
        target.hook().readOwner(),
        READ_HOOK_NAME,
        READ_HOOK_DESCRIPTOR,
        false);
    method.visitTypeInsn(Opcodes.CHECKCAST, Type.getType(type).getInternalName());
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
