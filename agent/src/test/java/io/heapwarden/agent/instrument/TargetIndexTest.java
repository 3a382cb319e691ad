package io.heapwarden.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.config.CollectionRule;
import io.heapwarden.agent.config.Eviction;
import io.heapwarden.agent.config.FieldRef;
import io.heapwarden.agent.config.InstanceRule;
import io.heapwarden.agent.config.MethodRef;
import io.heapwarden.agent.config.OnClose;
import io.heapwarden.agent.config.SingletonKey;
import io.heapwarden.agent.config.SingletonRule;
import io.heapwarden.agent.config.SingletonScope;
import io.heapwarden.agent.config.SourcePosition;
import io.heapwarden.agent.rules.RulePlan;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class TargetIndexTest {
  private static final SourcePosition AT = SourcePosition.of("test");

  private static TargetIndex index(String owner, String field) {
    return RulePlan.of(
            List.of(new CollectionRule(new FieldRef(owner, field), 10, -1, Eviction.LRU, -1, AT)))
        .targets();
  }

  /** A class whose method writes {@code owner.field} and calls {@code new created()}. */
  private static byte[] classFile(int version, String owner, String field, String created) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(version, Opcodes.ACC_PUBLIC, "test/Writer", null, "java/lang/Object", null);
    MethodVisitor m =
        writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "run", "()V", null, null);
    m.visitCode();
    m.visitTypeInsn(Opcodes.NEW, created);
    m.visitInsn(Opcodes.DUP);
    m.visitMethodInsn(Opcodes.INVOKESPECIAL, created, "<init>", "()V", false);
    m.visitFieldInsn(Opcodes.PUTSTATIC, owner, field, "Ljava/lang/Object;");
    m.visitLdcInsn(42L); // a two-slot constant must not derail the walk
    m.visitInsn(Opcodes.POP2);
    m.visitLdcInsn(3.5d);
    m.visitInsn(Opcodes.POP2);
    m.visitInsn(Opcodes.RETURN);
    m.visitMaxs(0, 0);
    m.visitEnd();
    writer.visitEnd();
    return writer.toByteArray();
  }

  @ParameterizedTest
  @ValueSource(
      ints = {
        Opcodes.V1_1,
        Opcodes.V1_5,
        Opcodes.V1_8,
        Opcodes.V11,
        Opcodes.V17,
        Opcodes.V21,
        Opcodes.V25
      })
  void findsAFieldWrittenThroughASubclassInEveryClassFileVersion(int version) {
    byte[] writesSubclassField =
        classFile(version, "com/example/SubCache", "entries", "java/lang/Object");
    assertThat(index("com.example.Cache", "entries").mayApplyTo(writesSubclassField)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(ints = {Opcodes.V1_1, Opcodes.V17, Opcodes.V25})
  void skipsClassesThatMentionNoTarget(int version) {
    byte[] unrelated = classFile(version, "com/example/Other", "items", "java/lang/Object");
    assertThat(index("com.example.Cache", "entries").mayApplyTo(unrelated)).isFalse();
  }

  @Test
  void singletonsMatchOnTheConstructedClass() {
    TargetIndex index =
        RulePlan.of(
                List.of(
                    new SingletonRule(
                        "com.example.ml.Model$Big",
                        null,
                        SingletonKey.ARGUMENTS,
                        SingletonScope.GLOBAL,
                        OnClose.IGNORE,
                        AT)))
            .targets();
    assertThat(index.mayApplyTo(classFile(Opcodes.V17, "a/B", "c", "com/example/ml/Model$Big")))
        .isTrue();
    assertThat(index.mayApplyTo(classFile(Opcodes.V17, "a/B", "c", "com/example/ml/Model")))
        .isFalse();
  }

  @Test
  void factoryMethodsAndInstanceRulesAddTheirNeedles() {
    TargetIndex index =
        RulePlan.of(
                List.of(
                    new SingletonRule(
                        null,
                        new MethodRef("com.example.Models", "load", List.of("java.lang.String")),
                        SingletonKey.ARGUMENTS,
                        SingletonScope.GLOBAL,
                        OnClose.IGNORE,
                        AT),
                    new InstanceRule("com.example.db.Connection", 5, AT)))
            .targets();
    assertThat(index.needles())
        .containsExactlyInAnyOrder("com/example/Models", "load", "com/example/db/Connection");
  }

  /** A class that mentions {@code name} as a string and calls a method of that name. */
  private static byte[] mentionsNameOutsideFieldReferences(String name) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "test/Mentions", null, "java/lang/Object", null);
    MethodVisitor m =
        writer.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "run", "()V", null, null);
    m.visitCode();
    m.visitLdcInsn(name);
    m.visitMethodInsn(
        Opcodes.INVOKESTATIC,
        "java/util/Objects",
        "requireNonNull",
        "(Ljava/lang/Object;)V",
        false);
    m.visitInsn(Opcodes.ACONST_NULL);
    m.visitMethodInsn(
        Opcodes.INVOKEVIRTUAL, "java/util/jar/JarFile", name, "()Ljava/util/Enumeration;", false);
    m.visitInsn(Opcodes.POP);
    m.visitInsn(Opcodes.RETURN);
    m.visitMaxs(0, 0);
    m.visitEnd();
    writer.visitEnd();
    return writer.toByteArray();
  }

  @Test
  void aFieldsNameCountsOnlyInAFieldReference() {
    assertThat(
            index("com.example.Cache", "entries")
                .mayApplyTo(mentionsNameOutsideFieldReferences("entries")))
        .isFalse();
  }

  @Test
  void aFieldOfAPrimitiveOrArrayTypeIsAnotherField() throws IOException {
    // java.util.regex.IntHashSet writes its own int[] entries: it reached the rewriters.
    try (InputStream in =
        ClassLoader.getSystemResourceAsStream("java/util/regex/IntHashSet.class")) {
      assertThat(in).isNotNull();
      assertThat(index("com.example.Cache", "entries").mayApplyTo(in.readAllBytes())).isFalse();
    }
  }

  @Test
  void aFactoryMethodsNameCountsOnlyInAMethodReference() {
    TargetIndex index =
        RulePlan.of(
                List.of(
                    new SingletonRule(
                        null,
                        new MethodRef("com.example.Models", "entries", List.of()),
                        SingletonKey.ARGUMENTS,
                        SingletonScope.GLOBAL,
                        OnClose.IGNORE,
                        AT)))
            .targets();
    assertThat(index.mayApplyTo(mentionsNameOutsideFieldReferences("entries"))).isTrue();
    assertThat(index.mayApplyTo(classFile(Opcodes.V17, "a/SubModels", "entries", "d/E")))
        .isFalse(); // a field named like the method
  }

  @Test
  void theJdkLauncherDoesNotReachTheRewriters() throws IOException {
    // It mentions "entries" (JarFile.entries()): parsing it loaded the rewriter at every start-up.
    try (InputStream in =
        ClassLoader.getSystemResourceAsStream("sun/launcher/LauncherHelper.class")) {
      assertThat(in).isNotNull();
      byte[] launcher = in.readAllBytes();
      assertThat(new String(launcher, java.nio.charset.StandardCharsets.ISO_8859_1))
          .contains("entries");
      assertThat(index("com.example.Cache", "entries").mayApplyTo(launcher)).isFalse();
    }
  }

  @Test
  void realJdkClassesScanCleanly() throws IOException {
    TargetIndex index = index("com.example.Cache", "entries");
    for (Class<?> type :
        new Class<?>[] {
          String.class, java.util.HashMap.class, java.util.concurrent.ConcurrentHashMap.class
        }) {
      try (InputStream in = type.getResourceAsStream(type.getSimpleName() + ".class")) {
        assertThat(index.mayApplyTo(in.readAllBytes())).as(type.getName()).isFalse();
      }
    }
  }

  @Test
  void malformedInputIsLeftToTheFullParser() {
    byte[] truncated = java.util.Arrays.copyOf(classFile(Opcodes.V17, "a/B", "c", "d/E"), 30);
    assertThat(index("com.example.Cache", "entries").mayApplyTo(truncated)).isTrue();
    byte[] unknownTag = classFile(Opcodes.V17, "a/B", "c", "d/E");
    unknownTag[10] = 99;
    assertThat(index("com.example.Cache", "entries").mayApplyTo(unknownTag)).isTrue();
  }

  @Test
  void noRulesMeansAnEmptyIndex() {
    assertThat(TargetIndex.of(List.of()).isEmpty()).isTrue();
  }

  @Test
  void needlesUseTheClassFilesModifiedUtf8() {
    assertThat(Utf8NeedleSet.modifiedUtf8("a\u0000é€"))
        .containsExactly(0x61, 0xC0, 0x80, 0xC3, 0xA9, 0xE2, 0x82, 0xAC);
    Utf8NeedleSet set = Utf8NeedleSet.of(List.of("café", "x"));
    byte[] hay = "..café..".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThat(set.contains(hay, 2, 5)).isTrue();
    assertThat(set.contains(hay, 1, 5)).isFalse();
  }
}
