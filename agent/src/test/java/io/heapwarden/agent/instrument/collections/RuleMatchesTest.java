package io.heapwarden.agent.instrument.collections;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.instrument.RuleMatches;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A rule is marked matched when a rewriter puts its hook into a class, and only then. */
class RuleMatchesTest {
  private static final String HOLDER =
      "io/heapwarden/agent/instrument/collections/fixtures/CacheHolder";

  // Ids no other test uses: the marks live as long as the JVM, as rule ids do in the agent.
  private static final int RULED = 3001;
  private static final int ABSENT_FIELD = 3002;
  private static final int OTHER_CLASS = 3003;

  @Test
  void aRewriteMarksTheRulesWhoseHooksItEmitted() throws Exception {
    List<String> reports = new ArrayList<>();
    FieldWriteRewriter rewriter =
        new FieldWriteRewriter(
            List.of(
                new CollectionTarget(RULED, "CacheHolder.entries", HOLDER, "entries", true),
                new CollectionTarget(ABSENT_FIELD, "CacheHolder.nothing", HOLDER, "nothing", true),
                new CollectionTarget(
                    OTHER_CLASS, "test.Other.entries", "test/Other", "entries", true)),
            (target, type, reason) -> reports.add(reason));
    assertThat(RuleMatches.matched(RULED)).isFalse();

    byte[] rewritten = rewriter.rewrite(getClass().getClassLoader(), HOLDER, classFile(HOLDER));

    assertThat(rewritten).isNotNull();
    assertThat(RuleMatches.matched(RULED)).isTrue();
    assertThat(RuleMatches.matched(ABSENT_FIELD)).isFalse();
    assertThat(RuleMatches.matched(OTHER_CLASS)).isFalse();
    assertThat(RuleMatches.matched(-1)).isFalse();
    assertThat(RuleMatches.matched(1 << 20)).isFalse();
  }

  private static byte[] classFile(String internalName) throws Exception {
    try (InputStream in =
        RuleMatchesTest.class.getClassLoader().getResourceAsStream(internalName + ".class")) {
      return in.readAllBytes();
    }
  }
}
