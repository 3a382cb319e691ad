package io.heapwarden.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.instrument.collections.CollectionTarget;
import io.heapwarden.agent.instrument.collections.FieldWriteRewriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** The corpus run's checks find what they are there to find: each check, given a broken rewrite. */
class CorpusChecksTest {
  private static final String HOLDER = "corpus/test/Holder";

  @TempDir Path dir;

  /** A class with a Map field, stored in its constructor; {@code badFrame}: a wrong stack map. */
  private static byte[] holder(boolean badFrame) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, HOLDER, null, "java/lang/Object", null);
    writer.visitField(Opcodes.ACC_PRIVATE, "entries", "Ljava/util/Map;", null, null).visitEnd();
    MethodVisitor init = writer.visitMethod(Opcodes.ACC_PUBLIC, "<init>", "(Z)V", null, null);
    init.visitCode();
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitVarInsn(Opcodes.ILOAD, 1);
    Label skip = new Label();
    init.visitJumpInsn(Opcodes.IFEQ, skip);
    init.visitVarInsn(Opcodes.ALOAD, 0);
    init.visitTypeInsn(Opcodes.NEW, "java/util/HashMap");
    init.visitInsn(Opcodes.DUP);
    init.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/util/HashMap", "<init>", "()V", false);
    init.visitFieldInsn(Opcodes.PUTFIELD, HOLDER, "entries", "Ljava/util/Map;");
    init.visitLabel(skip);
    Object[] locals = {HOLDER, Opcodes.INTEGER}; // this is initialized by then
    if (badFrame) {
      init.visitFrame(Opcodes.F_FULL, 2, locals, 1, new Object[] {Opcodes.INTEGER});
    } else {
      init.visitFrame(Opcodes.F_FULL, 2, locals, 0, new Object[0]);
    }
    init.visitInsn(Opcodes.RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();
    writer.visitEnd();
    return writer.toByteArray();
  }

  private static byte[] rewritten(byte[] original) {
    return new FieldWriteRewriter(
            List.of(new CollectionTarget(7, "r", HOLDER, "entries", true)), (t, type, why) -> {})
        .rewrite(null, HOLDER, original);
  }

  private Corpus corpusOf(byte[] classFile) throws IOException {
    Path jars = Files.createDirectories(dir.resolve("jars"));
    try (OutputStream file = Files.newOutputStream(jars.resolve("holder.jar"));
        JarOutputStream jar = new JarOutputStream(file)) {
      jar.putNextEntry(new JarEntry(HOLDER + ".class"));
      jar.write(classFile);
      jar.closeEntry();
    }
    return Corpus.read(jars);
  }

  @Test
  void aRealRewritePassesEveryCheck() throws Exception {
    byte[] original = holder(false);
    StoreCheck stores = new StoreCheck();
    stores.compare(original, rewritten(original), store -> 7);

    assertThat(stores.problems).isEmpty();
    assertThat(stores.hookedStores).isEqualTo(1);
    assertThat(new ClassChecks(new Hierarchy(corpusOf(original))).problem(rewritten(original)))
        .isNull();
  }

  @Test
  void aStoreLeftWithoutItsHookOrWithAnotherRuleIsFound() {
    byte[] original = holder(false);
    StoreCheck unhooked = new StoreCheck();
    unhooked.compare(original, original, store -> 7);
    StoreCheck otherRule = new StoreCheck();
    otherRule.compare(original, rewritten(original), store -> 8);
    StoreCheck unruled = new StoreCheck();
    unruled.compare(original, rewritten(original), store -> null);

    assertThat(unhooked.problems).singleElement().asString().contains("expected 7");
    assertThat(otherRule.problems).singleElement().asString().contains("hooked with rule 7");
    assertThat(unruled.problems).singleElement().asString().contains("expected null");
  }

  @Test
  void anyOtherChangedInstructionIsFound() {
    byte[] original = holder(false);
    byte[] changed = rewritten(original);
    // the jump's operand: IFEQ (0x99) becomes IFNE (0x9a)
    for (int i = 0; i < changed.length; i++) {
      if ((changed[i] & 0xFF) == 0x99) {
        changed[i] = (byte) 0x9a;
        break;
      }
    }
    StoreCheck stores = new StoreCheck();
    stores.compare(original, changed, store -> 7);

    assertThat(stores.problems).singleElement().asString().contains("was 153", "is 154");
  }

  @Test
  void aClassThatDoesNotTypeCheckIsFound() throws Exception {
    byte[] original = holder(false);
    // the hook's checkcast replaced by two pops: the store finds too little on the stack
    ClassReader reader = new ClassReader(rewritten(original));
    ClassWriter writer = new ClassWriter(0);
    reader.accept(
        new ClassVisitor(Opcodes.ASM9, writer) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String desc, String signature, String[] exceptions) {
            return new MethodVisitor(
                Opcodes.ASM9, super.visitMethod(access, name, desc, signature, exceptions)) {
              @Override
              public void visitTypeInsn(int opcode, String type) {
                if (opcode == Opcodes.CHECKCAST) {
                  super.visitInsn(Opcodes.POP);
                  super.visitInsn(Opcodes.POP);
                } else {
                  super.visitTypeInsn(opcode, type);
                }
              }
            };
          }
        },
        0);

    Hierarchy hierarchy = new Hierarchy(corpusOf(original));
    assertThat(new ClassChecks(hierarchy).problem(writer.toByteArray())).startsWith("analyzer");
  }

  @Test
  void aClassTheJvmRejectsIsAFailureUnlessTheOriginalIsRejectedToo() throws Exception {
    byte[] original = holder(false);
    Corpus corpus = corpusOf(original);
    Tally tally = new Tally();
    JvmSample sample =
        new JvmSample(
            dir.resolve("jars"),
            Files.createDirectories(dir.resolve("work")),
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            tally);

    sample.run("good", Map.of(HOLDER, rewritten(original)), corpus, 10);
    sample.run("bad", Map.of(HOLDER, rewritten(holder(true))), corpus, 10);

    assertThat(tally.get("classes linked by a -Xverify:all JVM")).as(tally.report()).isEqualTo(1);
    assertThat(tally.failures()).isEqualTo(1);
    assertThat(tally.report()).contains("the JVM rejects the rewritten class", "VerifyError");
  }
}
