package io.heapwarden.agent.instrument.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.instrument.ClassRewriter;
import io.heapwarden.agent.instrument.RewritingLoader;
import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import io.heapwarden.bootstrap.RuleTable;
import io.heapwarden.bootstrap.collections.AdoptedFields;
import io.heapwarden.bootstrap.collections.Bounded;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A class loaded before an attach, retransformed ({@link FieldWriteRewriter#rewriteLoaded}): the
 * collections its ruled fields held before are bounded on their next read, once their fields are
 * registered ({@link PreAttachFields}).
 */
class PreAttachFieldsTest {
  private static final String FIXTURES = "io.heapwarden.agent.instrument.collections.fixtures.";
  private static final String HOLDER =
      "io/heapwarden/agent/instrument/collections/fixtures/PreAttachHolder";
  private static final List<CollectionTarget> TARGETS =
      List.of(
          new CollectionTarget(0, "PreAttachHolder.entries", HOLDER, "entries", false),
          new CollectionTarget(1, "PreAttachHolder.shared", HOLDER, "shared", false),
          new CollectionTarget(2, "PreAttachHolder.CONSTANT", HOLDER, "CONSTANT", false));

  @BeforeEach
  void rules() {
    RuleTable.install(List.of(rule(0), rule(1), rule(2)));
  }

  @AfterEach
  void clear() {
    RuleTable.install(List.of());
  }

  private static Rule rule(int id) {
    long[] limits = Rule.noLimits();
    limits[Limit.MAX_ENTRIES.ordinal()] = 3;
    return new Rule(id, TARGETS.get(id).ruleName(), RuleKind.COLLECTION, limits);
  }

  /** Loads the holder as a retransformed class: reads and writes of its ruled fields hooked. */
  private static Class<?> retransformedHolder() throws ClassNotFoundException {
    FieldWriteRewriter rewriter = new FieldWriteRewriter(TARGETS, (target, type, reason) -> {});
    ClassRewriter loaded =
        new ClassRewriter() {
          @Override
          public byte @Nullable [] rewrite(
              @Nullable ClassLoader loader, String internalName, byte[] classFile) {
            return rewriter.rewriteLoaded(loader, internalName, classFile);
          }
        };
    // initialized now: its static initializer's stores come before the test's "before the attach"
    return Class.forName(FIXTURES + "PreAttachHolder", true, new RewritingLoader(FIXTURES, loaded));
  }

  /** What the field held before the attach: a plain collection with ten entries. */
  private static void storeBeforeAttach(Object holder, Field field) throws Exception {
    field.setAccessible(true);
    if (Map.class.isAssignableFrom(field.getType())) {
      Map<String, String> plain = new HashMap<>();
      for (int i = 0; i < 10; i++) {
        plain.put("k" + i, "v");
      }
      field.set(holder, plain);
    } else {
      List<String> plain = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        plain.add("v" + i);
      }
      field.set(holder, plain);
    }
  }

  @Test
  void aFinalInstanceFieldsOldCollectionIsBoundedOnItsNextRead() throws Exception {
    Class<?> type = retransformedHolder();
    Object holder = type.getConstructor().newInstance();
    Field entries = type.getDeclaredField("entries");
    storeBeforeAttach(holder, entries);

    PreAttachFields.Registered registered =
        new PreAttachFields(TARGETS).register(new Class<?>[] {type});
    int size = (int) type.getMethod("put", String.class).invoke(holder, "new");

    assertThat(registered.fields()).isEqualTo(2);
    assertThat(size).isEqualTo(3);
    assertThat(entries.get(holder)).isInstanceOf(Bounded.class).isInstanceOf(HashMap.class);
    assertThat(
            RuleTable.get(0).total(io.heapwarden.bootstrap.Action.EVICTED)
                + RuleTable.get(0).total(io.heapwarden.bootstrap.Action.TRIMMED))
        .isGreaterThanOrEqualTo(8);
  }

  @Test
  void aStaticFieldsOldCollectionIsBoundedOnItsNextRead() throws Exception {
    Class<?> type = retransformedHolder();
    Field shared = type.getDeclaredField("shared");
    storeBeforeAttach(null, shared);

    new PreAttachFields(TARGETS).register(new Class<?>[] {type});
    int size = (int) type.getMethod("share", String.class).invoke(null, "new");

    assertThat(size).isEqualTo(3);
    assertThat(shared.get(null)).isInstanceOf(Bounded.class);
  }

  @Test
  void aStaticFinalFieldIsNamedAndNotRegistered() throws Exception {
    Class<?> type = retransformedHolder();

    PreAttachFields.Registered registered =
        new PreAttachFields(TARGETS).register(new Class<?>[] {type});

    assertThat(registered.notAdopted())
        .singleElement()
        .asString()
        .startsWith("PreAttachHolder.CONSTANT: static final");
    assertThat(AdoptedFields.registered(2)).isZero();
    assertThat((int) type.getMethod("constant", String.class).invoke(null, "v")).isEqualTo(1);
  }

  @Test
  void aPausedRuleLeavesTheOldCollectionAlone() throws Exception {
    Class<?> type = retransformedHolder();
    Object holder = type.getConstructor().newInstance();
    Field entries = type.getDeclaredField("entries");
    storeBeforeAttach(holder, entries);
    new PreAttachFields(TARGETS).register(new Class<?>[] {type});

    RuleTable.get(0).pause(true);
    int size = (int) type.getMethod("put", String.class).invoke(holder, "new");

    assertThat(size).isEqualTo(11);
    assertThat(entries.get(holder)).isNotInstanceOf(Bounded.class);
  }
}
