package io.heapwarden.agent.instrument.singletons;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.instrument.RuleMatches;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The singletons rewriter marks a rule matched where it rewrites for it: a construction of a ruled
 * class, a memoized factory, a counted constructor; a rule on a class no rewritten code names stays
 * unmatched.
 */
class SingletonRuleMatchesTest {
  private static final String PACKAGE = "io/heapwarden/agent/instrument/singletons/fixtures/";

  // Ids no other test uses: the marks live as long as the JVM, as rule ids do in the agent.
  private static final int CONSTRUCTED = 3101;
  private static final int FACTORY = 3102;
  private static final int COUNTED = 3103;
  private static final int NEVER_USED = 3104;

  @Test
  void eachKindOfRewriteMarksItsRule() throws Exception {
    List<String> skipped = new ArrayList<>();
    SingletonRewriter rewriter =
        new SingletonRewriter(
            List.of(
                SingletonTarget.forClass(CONSTRUCTED, "Model", PACKAGE + "Model", 0),
                SingletonTarget.forClass(NEVER_USED, "Nope", "test/Nope", 0),
                SingletonTarget.forMethod(
                    FACTORY, "load", PACKAGE + "Models", "load", List.of("java.lang.String"), 0)),
            List.of(new InstanceTarget(COUNTED, "Counted", PACKAGE + "Counted")),
            (rule, className, reason) -> skipped.add(rule + " " + className + ": " + reason));

    assertThat(RuleMatches.matched(CONSTRUCTED)).isFalse();
    assertThat(rewrite(rewriter, "Callers")).isNotNull();
    assertThat(RuleMatches.matched(CONSTRUCTED)).isTrue();
    assertThat(RuleMatches.matched(FACTORY)).isFalse();
    assertThat(RuleMatches.matched(COUNTED)).isFalse();

    assertThat(rewrite(rewriter, "Models")).isNotNull();
    assertThat(RuleMatches.matched(FACTORY)).isTrue();

    assertThat(rewrite(rewriter, "Counted")).isNotNull();
    assertThat(RuleMatches.matched(COUNTED)).isTrue();

    assertThat(RuleMatches.matched(NEVER_USED)).isFalse();
    assertThat(skipped).isEmpty();
  }

  private static byte[] rewrite(SingletonRewriter rewriter, String simpleName) throws Exception {
    String internalName = PACKAGE + simpleName;
    try (InputStream in =
        SingletonRuleMatchesTest.class
            .getClassLoader()
            .getResourceAsStream(internalName + ".class")) {
      return rewriter.rewrite(
          SingletonRuleMatchesTest.class.getClassLoader(), internalName, in.readAllBytes());
    }
  }
}
