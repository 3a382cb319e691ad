package io.heapwarden.agent.instrument.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.instrument.RewritingLoader;
import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import io.heapwarden.bootstrap.RuleTable;
import io.heapwarden.bootstrap.collections.Bounded;
import io.heapwarden.bootstrap.sessions.LinkedSessionMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.Attribute;
import org.objectweb.asm.ByteVector;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class FieldWriteRewriterTest {
  private static final String HOLDER =
      "io/heapwarden/agent/instrument/collections/fixtures/CacheHolder";
  private static final String FIXTURES = "io.heapwarden.agent.instrument.collections.fixtures.";
  private final List<String> reports = new ArrayList<>();

  @BeforeEach
  void rules() {
    RuleTable.install(
        List.of(
            rule(0, "entries", 3), rule(1, "log", 2), rule(2, "name", 1), rule(3, "generated", 2)));
  }

  @AfterEach
  void clear() {
    RuleTable.install(List.of());
  }

  private static Rule rule(int id, String field, long maxEntries) {
    long[] limits = Rule.noLimits();
    limits[Limit.MAX_ENTRIES.ordinal()] = maxEntries;
    return new Rule(id, field, RuleKind.COLLECTION, limits);
  }

  private FieldWriteRewriter rewriter() {
    return new FieldWriteRewriter(
        List.of(
            new CollectionTarget(0, "CacheHolder.entries", HOLDER, "entries", true),
            new CollectionTarget(1, "CacheHolder.log", HOLDER, "log", false),
            new CollectionTarget(2, "CacheHolder.name", HOLDER, "name", false),
            new CollectionTarget(3, "test.Old.generated", "test/Old", "generated", false)),
        (target, type, reason) -> reports.add(target.ruleName() + " " + type + ": " + reason));
  }

  private static Object field(Object target, String name) throws ReflectiveOperationException {
    return target.getClass().getField(name).get(target);
  }

  @Test
  void instanceAndStaticFieldsOfTheRuledClassHoldBoundedCollections() throws Exception {
    RewritingLoader loader = new RewritingLoader(FIXTURES, rewriter());
    Class<?> holder = loader.loadClass(FIXTURES + "CacheHolder");
    Object instance = holder.getConstructor().newInstance();

    assertThat(field(instance, "entries"))
        .isInstanceOf(Bounded.class)
        .isInstanceOf(java.util.HashMap.class);
    assertThat(holder.getField("log").get(null))
        .isInstanceOf(Bounded.class)
        .isInstanceOf(ArrayList.class);
  }

  @Test
  void aSessionRuleStoresASessionMapThroughTheSessionHook() throws Exception {
    long[] limits = Rule.noLimits();
    limits[Limit.MAX_SESSIONS.ordinal()] = 2;
    RuleTable.install(List.of(new Rule(0, "CacheHolder.entries", RuleKind.SESSION, limits)));
    FieldWriteRewriter sessions =
        new FieldWriteRewriter(
            List.of(
                new CollectionTarget(
                    0, "CacheHolder.entries", HOLDER, "entries", true, FieldHook.SESSIONS),
                new CollectionTarget(
                    1, "CacheHolder.log", HOLDER, "log", true, FieldHook.SESSIONS)),
            (target, type, reason) -> reports.add(target.ruleName() + " " + type + ": " + reason));
    Class<?> holder = new RewritingLoader(FIXTURES, sessions).loadClass(FIXTURES + "CacheHolder");
    Object instance = holder.getConstructor().newInstance();

    @SuppressWarnings("unchecked")
    Map<String, String> entries = (Map<String, String>) field(instance, "entries");
    assertThat(entries).isInstanceOf(LinkedSessionMap.class).isInstanceOf(java.util.HashMap.class);
    entries.put("a", "1");
    entries.put("b", "2");
    entries.get("a");
    entries.put("c", "3");
    assertThat(entries.keySet()).containsExactlyInAnyOrder("a", "c");
    assertThat(holder.getField("log").get(null)).isNotInstanceOf(Bounded.class);
    assertThat(reports)
        .containsExactly(
            "CacheHolder.log java.util.List: a session store must be a Map, HashMap,"
                + " LinkedHashMap, ConcurrentMap or ConcurrentHashMap field, not java.util.List");
  }

  @Test
  void aSubclassWritingTheInheritedFieldIsRewrittenAndKeepsTheContents() throws Exception {
    RewritingLoader loader = new RewritingLoader(FIXTURES, rewriter());
    Object sub = loader.loadClass(FIXTURES + "SubHolder").getConstructor().newInstance();

    @SuppressWarnings("unchecked")
    Map<String, String> entries = (Map<String, String>) field(sub, "entries");
    assertThat(entries).isInstanceOf(Bounded.class).containsEntry("sub", "yes");
  }

  @Test
  void anotherClassWritingTheFieldIsRewritten() throws Exception {
    RewritingLoader loader = new RewritingLoader(FIXTURES, rewriter());
    Object holder = loader.loadClass(FIXTURES + "CacheHolder").getConstructor().newInstance();
    loader
        .loadClass(FIXTURES + "OtherWriter")
        .getMethod("reset", holder.getClass())
        .invoke(null, holder);

    assertThat(field(holder, "entries"))
        .isInstanceOf(Bounded.class)
        .isInstanceOf(java.util.LinkedHashMap.class);
  }

  @Test
  void theBoundAppliesThroughTheField() throws Exception {
    RewritingLoader loader = new RewritingLoader(FIXTURES, rewriter());
    Object holder = loader.loadClass(FIXTURES + "CacheHolder").getConstructor().newInstance();
    @SuppressWarnings("unchecked")
    Map<String, String> entries = (Map<String, String>) field(holder, "entries");
    for (int i = 0; i < 10; i++) {
      entries.put("k" + i, "v" + i);
    }
    assertThat(entries).hasSize(3);
    assertThat(RuleTable.get(0).total(io.heapwarden.bootstrap.Action.EVICTED)).isEqualTo(7);
  }

  @Test
  void shadowingAndUnrelatedFieldsOfTheSameNameAreLeftAlone() throws Exception {
    RewritingLoader loader = new RewritingLoader(FIXTURES, rewriter());
    Object shadowing = loader.loadClass(FIXTURES + "Shadowing").getConstructor().newInstance();
    Object unrelated = loader.loadClass(FIXTURES + "Unrelated").getConstructor().newInstance();

    assertThat(shadowing.getClass().getField("entries").get(shadowing))
        .isNotInstanceOf(Bounded.class);
    assertThat(field(unrelated, "entries")).isNotInstanceOf(Bounded.class);
    // the superclass part of Shadowing still holds the ruled, bounded field
    assertThat(shadowing.getClass().getSuperclass().getField("entries").get(shadowing))
        .isInstanceOf(Bounded.class);
  }

  @Test
  void aFieldOfAnUnboundableTypeIsReportedAndLeftAlone() throws Exception {
    RewritingLoader loader = new RewritingLoader(FIXTURES, rewriter());
    Object holder = loader.loadClass(FIXTURES + "CacheHolder").getConstructor().newInstance();

    assertThat(field(holder, "name")).isEqualTo("holder");
    assertThat(reports)
        .singleElement()
        .asString()
        .startsWith("CacheHolder.name java.lang.String: only JDK collection types");
  }

  @Test
  void classesWithoutRuledFieldsAreNotRewritten() {
    byte[] unrelated = oldClass(Opcodes.V17, "test/Plain", "other");
    assertThat(rewriter().rewrite(null, "test/Plain", unrelated)).isNull();
  }

  /**
   * A class {@code name} whose static initializer fills a HashMap with three entries, then stores
   * it in {@code field}.
   */
  private static byte[] oldClass(int version, String name, String field) {
    return oldClass(version, name, field, false);
  }

  /**
   * {@code oddCodeAttribute}: the static initializer's code also carries a non-standard attribute
   * that bears the name {@code Code}, which the JVM ignores there.
   */
  private static byte[] oldClass(int version, String name, String field, boolean oddCodeAttribute) {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    writer.visit(
        version, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, "java/lang/Object", null);
    writer
        .visitField(Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, field, "Ljava/util/Map;", null, null)
        .visitEnd();
    MethodVisitor clinit = writer.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
    clinit.visitCode();
    clinit.visitTypeInsn(Opcodes.NEW, "java/util/HashMap");
    clinit.visitInsn(Opcodes.DUP);
    clinit.visitMethodInsn(Opcodes.INVOKESPECIAL, "java/util/HashMap", "<init>", "()V", false);
    for (String key : new String[] {"a", "b", "c"}) {
      clinit.visitInsn(Opcodes.DUP);
      clinit.visitLdcInsn(key);
      clinit.visitLdcInsn(key);
      clinit.visitMethodInsn(
          Opcodes.INVOKEINTERFACE,
          "java/util/Map",
          "put",
          "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;",
          true);
      clinit.visitInsn(Opcodes.POP);
    }
    clinit.visitFieldInsn(Opcodes.PUTSTATIC, name, field, "Ljava/util/Map;");
    clinit.visitInsn(Opcodes.RETURN);
    if (oddCodeAttribute) {
      clinit.visitAttribute(new NamedCode());
    }
    clinit.visitMaxs(0, 0);
    clinit.visitEnd();
    writer.visitEnd();
    return writer.toByteArray();
  }

  /** A code attribute named Code, with four zero bytes. */
  private static final class NamedCode extends Attribute {
    NamedCode() {
      super("Code");
    }

    @Override
    public boolean isCodeAttribute() {
      return true;
    }

    @Override
    protected ByteVector write(
        ClassWriter classWriter, byte[] code, int codeLength, int maxStack, int maxLocals) {
      return new ByteVector().putInt(0);
    }
  }

  /**
   * Found by ClassFileFuzzTest: ASM moves a code attribute it does not know up to the method, where
   * this one made a second Code attribute, and the JVM refused the class (ClassFormatError).
   */
  @Test
  void anUnknownAttributeInTheCodeIsDroppedNotMovedToTheMethod() throws Exception {
    byte[] original = oldClass(Opcodes.V17, "test/Old", "generated", true);
    byte[] rewritten = rewriter().rewrite(null, "test/Old", original);
    assertThat(rewritten).isNotNull();
    for (byte[] bytes : List.of(original, rewritten)) {
      ClassLoader loader =
          new ClassLoader(getClass().getClassLoader()) {
            @Override
            protected Class<?> findClass(String name) throws ClassNotFoundException {
              return defineClass(name, bytes, 0, bytes.length);
            }
          };
      assertThat(Class.forName("test.Old", true, loader).getField("generated").get(null))
          .isInstanceOf(Map.class);
    }
  }

  @ParameterizedTest
  @ValueSource(
      ints = {Opcodes.V1_1, Opcodes.V1_4, Opcodes.V1_6, Opcodes.V1_8, Opcodes.V11, Opcodes.V17})
  void classFilesOfEveryVersionAreRewrittenAndVerify(int version) throws Exception {
    byte[] rewritten =
        rewriter().rewrite(null, "test/Old", oldClass(version, "test/Old", "generated"));
    assertThat(rewritten).isNotNull();
    ClassLoader loader =
        new ClassLoader(getClass().getClassLoader()) {
          @Override
          protected Class<?> findClass(String name) throws ClassNotFoundException {
            if (!name.equals("test.Old")) {
              throw new ClassNotFoundException(name);
            }
            return defineClass(name, rewritten, 0, rewritten.length);
          }
        };
    Class<?> old = Class.forName("test.Old", true, loader);

    @SuppressWarnings("unchecked")
    Map<String, String> generated = (Map<String, String>) old.getField("generated").get(null);
    assertThat(generated).isInstanceOf(Bounded.class).hasSize(2);
  }
}
