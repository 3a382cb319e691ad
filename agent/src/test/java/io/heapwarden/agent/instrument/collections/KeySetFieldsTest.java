package io.heapwarden.agent.instrument.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.instrument.RewritingLoader;
import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import io.heapwarden.bootstrap.RuleTable;
import io.heapwarden.bootstrap.collections.Bounded;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code ConcurrentHashMap.newKeySet()} set is bounded in every field whose declared type its
 * replacement (not a {@code KeySetView}) satisfies, and a field declared {@code KeySetView} gets
 * the warning at rewrite time.
 */
class KeySetFieldsTest {
  private static final String FIXTURES = "io.heapwarden.agent.instrument.collections.fixtures.";

  private static final String HOLDER =
      "io/heapwarden/agent/instrument/collections/fixtures/KeySetHolder";
  private static final String[] FIELDS = {"seen", "visitors", "names", "anything", "view"};
  private final List<String> reports = new ArrayList<>();

  @BeforeEach
  void rules() {
    List<Rule> rules = new ArrayList<>();
    for (int id = 0; id < FIELDS.length; id++) {
      long[] limits = Rule.noLimits();
      limits[Limit.MAX_ENTRIES.ordinal()] = 2;
      rules.add(new Rule(id, FIELDS[id], RuleKind.COLLECTION, limits));
    }
    RuleTable.install(rules);
  }

  @AfterEach
  void clear() {
    RuleTable.install(List.of());
  }

  private FieldWriteRewriter rewriter() {
    List<CollectionTarget> targets = new ArrayList<>();
    for (int id = 0; id < FIELDS.length; id++) {
      targets.add(
          new CollectionTarget(id, "KeySetHolder." + FIELDS[id], HOLDER, FIELDS[id], id % 2 == 0));
    }
    return new FieldWriteRewriter(
        targets,
        (target, type, reason) -> reports.add(target.ruleName() + " " + type + ": " + reason));
  }

  @Test
  void newKeySetsAreBoundedInSetCollectionIterableAndObjectFields() throws Exception {
    RewritingLoader loader = new RewritingLoader(FIXTURES, rewriter());
    Object holder =
        loader
            .loadClass("io.heapwarden.agent.instrument.collections.fixtures.KeySetHolder")
            .getConstructor()
            .newInstance();

    for (String name : new String[] {"seen", "visitors", "names", "anything"}) {
      Object value = holder.getClass().getField(name).get(holder);
      assertThat(value).as(name).isInstanceOf(Bounded.class).isInstanceOf(Set.class);
      @SuppressWarnings("unchecked")
      Set<String> set = (Set<String>) value;
      set.add("a");
      set.add("b");
      set.add("c");
      assertThat(set).as(name).hasSize(2);
    }
    assertThat(holder.getClass().getField("view").get(holder))
        .isInstanceOf(ConcurrentHashMap.KeySetView.class);
    assertThat(reports)
        .singleElement()
        .asString()
        .startsWith(
            "KeySetHolder.view java.util.concurrent.ConcurrentHashMap$KeySetView: only JDK"
                + " collection types");
  }
}
