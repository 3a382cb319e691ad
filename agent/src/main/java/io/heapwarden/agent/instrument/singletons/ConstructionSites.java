package io.heapwarden.agent.instrument.singletons;

import io.heapwarden.agent.instrument.RuleMatches;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Rewrites the ruled {@code new} expressions and {@code close()} calls of one method.
 *
 * <p>{@code NEW C; DUP; <args>; INVOKESPECIAL C.<init>(desc)} becomes {@code <args>; INVOKESTATIC
 * this.heapwarden$new$N(desc-args)C}: the arguments are evaluated exactly as before, and the
 * synthetic method shares or builds the instance. {@code NEW}s are paired with their {@code <init>}
 * calls last-in first-out, which is how every compiler nests them (a {@code new} inside the
 * arguments of another completes first); an {@code <init>} with no open {@code NEW} is a {@code
 * this(...)} or {@code super(...)} call and is never touched. A {@code NEW} not directly followed
 * by {@code DUP} is left as it is and reported.
 *
 * <p>Frames stay valid by construction: the removed {@code NEW} and {@code DUP} only ever put two
 * "uninitialized" entries on the stack, so a frame inside the arguments (a conditional expression)
 * loses exactly the stack entries that name the removed {@code NEW}'s label.
 */
final class ConstructionSites extends MethodVisitor {
  /** A rewriter-level reason to leave the whole class unchanged (odd bytecode). */
  static final class Unsupported extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unsupported(String message) {
      super(message, null, false, false);
    }
  }

  private record Open(String owner, boolean rewritten, @Nullable SingletonTarget target) {}

  private final String className;
  private final Map<String, SingletonTarget> ruledClasses;
  private final SyntheticMethods synthetic;
  private final SkippedSites skipped;
  private final boolean[] changed;
  private final List<Label> recentLabels = new ArrayList<>();
  private final Deque<Open> open = new ArrayDeque<>();
  private final Set<Label> removed = new java.util.HashSet<>();
  private @Nullable String deferredNew;
  private @Nullable List<Label> deferredLabels;

  ConstructionSites(
      MethodVisitor next,
      String className,
      Map<String, SingletonTarget> ruledClasses,
      SyntheticMethods synthetic,
      SkippedSites skipped,
      boolean[] changed) {
    super(Opcodes.ASM9, next);
    this.className = className;
    this.ruledClasses = ruledClasses;
    this.synthetic = synthetic;
    this.skipped = skipped;
    this.changed = changed;
  }

  /** Emits a NEW held back to see whether a DUP follows: it did not. */
  private void flush() {
    if (deferredNew != null) {
      String owner = deferredNew;
      deferredNew = null;
      super.visitTypeInsn(Opcodes.NEW, owner);
      open.push(new Open(owner, false, null));
      skipped.skipped(
          Objects.requireNonNull(ruledClasses.get(owner)).ruleName(), // held back only if ruled
          className,
          "a new " + owner.replace('/', '.') + " not followed by DUP is left unchanged");
    }
  }

  /** Before any instruction: the held-back NEW goes out; labels seen so far are behind us. */
  private void instruction() {
    flush();
    recentLabels.clear();
  }

  @Override
  public void visitTypeInsn(int opcode, String type) {
    List<Label> atThisInstruction = new ArrayList<>(recentLabels);
    instruction();
    if (opcode == Opcodes.NEW) {
      if (ruledClasses.containsKey(type) && synthetic.supported()) {
        deferredNew = type;
        deferredLabels = atThisInstruction;
        return;
      }
      if (ruledClasses.containsKey(type)) {
        skipped.skipped(
            ruledClasses.get(type).ruleName(),
            className,
            "an interface of a class-file version before 52 cannot hold the synthetic method");
      }
      open.push(new Open(type, false, null));
    }
    super.visitTypeInsn(opcode, type);
  }

  @Override
  public void visitInsn(int opcode) {
    if (opcode == Opcodes.DUP && deferredNew != null) {
      open.push(new Open(deferredNew, true, ruledClasses.get(deferredNew)));
      removed.addAll(Objects.requireNonNull(deferredLabels)); // set with deferredNew
      deferredNew = null;
      recentLabels.clear();
      return;
    }
    instruction();
    super.visitInsn(opcode);
  }

  @Override
  public void visitMethodInsn(
      int opcode, String owner, String name, String descriptor, boolean isInterface) {
    instruction();
    if (opcode == Opcodes.INVOKESPECIAL && name.equals("<init>") && !open.isEmpty()) {
      Open site = open.pop();
      if (!site.owner().equals(owner)) {
        throw new Unsupported(
            "new "
                + site.owner()
                + " is completed by a constructor of "
                + owner
                + " in "
                + className);
      }
      if (site.rewritten()) {
        String replacement =
            synthetic.constructor(
                Objects.requireNonNull(site.target()),
                owner,
                descriptor); // a rewritten site is ruled
        super.visitMethodInsn(
            Opcodes.INVOKESTATIC,
            className,
            replacement,
            descriptor.substring(0, descriptor.indexOf(')') + 1) + "L" + owner + ";",
            synthetic.isInterface());
        RuleMatches.mark(Objects.requireNonNull(site.target()).ruleId());
        changed[0] = true;
        return;
      }
    } else if (opcode == Opcodes.INVOKEVIRTUAL
        && name.equals("close")
        && descriptor.equals("()V")
        && ruledClasses.containsKey(owner)
        && ruledClasses.get(owner).className() != null
        && synthetic.supported()) {
      String replacement = synthetic.close(ruledClasses.get(owner), owner);
      super.visitMethodInsn(
          Opcodes.INVOKESTATIC,
          className,
          replacement,
          "(L" + owner + ";)V",
          synthetic.isInterface());
      changed[0] = true;
      return;
    }
    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
  }

  @Override
  public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
    flush();
    if (removed.isEmpty()) {
      super.visitFrame(type, numLocal, local, numStack, stack);
      return;
    }
    for (int i = 0; i < numLocal; i++) {
      if (removed.contains(local[i])) {
        throw new Unsupported("an uninitialized object is kept in a local in " + className);
      }
    }
    Object[] kept = new Object[numStack];
    int n = 0;
    for (int i = 0; i < numStack; i++) {
      if (!removed.contains(stack[i])) {
        kept[n++] = stack[i];
      }
    }
    super.visitFrame(type, numLocal, local, n, kept);
  }

  @Override
  public void visitLabel(Label label) {
    if (deferredNew != null) {
      flush(); // a label between NEW and DUP: leave this one alone
    }
    recentLabels.add(label);
    super.visitLabel(label);
  }

  @Override
  public void visitIntInsn(int opcode, int operand) {
    instruction();
    super.visitIntInsn(opcode, operand);
  }

  @Override
  public void visitVarInsn(int opcode, int varIndex) {
    instruction();
    super.visitVarInsn(opcode, varIndex);
  }

  @Override
  public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
    instruction();
    super.visitFieldInsn(opcode, owner, name, descriptor);
  }

  @Override
  public void visitInvokeDynamicInsn(
      String name, String descriptor, Handle bootstrapMethodHandle, Object... bootstrapArguments) {
    instruction();
    super.visitInvokeDynamicInsn(name, descriptor, bootstrapMethodHandle, bootstrapArguments);
  }

  @Override
  public void visitJumpInsn(int opcode, Label label) {
    instruction();
    super.visitJumpInsn(opcode, label);
  }

  @Override
  public void visitLdcInsn(Object value) {
    instruction();
    super.visitLdcInsn(value);
  }

  @Override
  public void visitIincInsn(int varIndex, int increment) {
    instruction();
    super.visitIincInsn(varIndex, increment);
  }

  @Override
  public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
    instruction();
    super.visitTableSwitchInsn(min, max, dflt, labels);
  }

  @Override
  public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
    instruction();
    super.visitLookupSwitchInsn(dflt, keys, labels);
  }

  @Override
  public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
    instruction();
    super.visitMultiANewArrayInsn(descriptor, numDimensions);
  }

  @Override
  public org.objectweb.asm.AnnotationVisitor visitInsnAnnotation(
      int typeRef, org.objectweb.asm.TypePath typePath, String descriptor, boolean visible) {
    flush(); // it annotates the instruction before it: a held-back NEW must be there
    return super.visitInsnAnnotation(typeRef, typePath, descriptor, visible);
  }

  @Override
  public void visitLineNumber(int line, Label start) {
    super.visitLineNumber(line, start); // refers to a visited label; emits no instruction
  }

  @Override
  public void visitMaxs(int maxStack, int maxLocals) {
    instruction();
    for (Open site : open) {
      if (site.rewritten()) { // its NEW and DUP are gone, and no <init> took their place
        throw new Unsupported(
            "a new " + site.owner() + " is never completed by a constructor in " + className);
      }
    }
    super.visitMaxs(maxStack, maxLocals);
  }
}
