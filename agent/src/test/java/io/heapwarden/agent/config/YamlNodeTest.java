package io.heapwarden.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SnakeYAML's trees converted to {@link YamlNode}s (for YAML beyond {@link QuickYaml}): aliases
 * share their node, so neither a recursive alias nor a chain of aliases blows up (the fuzz seed
 * that found it overflowed the stack).
 */
class YamlNodeTest {
  @TempDir Path dir;

  @Test
  @Timeout(10)
  void aRecursiveAliasIsReportedNotFollowedForever() {
    ConfigFiles files = new ConfigFiles(dir);
    assertThat(files.problems("collections: &a [*a]\n"))
        .singleElement()
        .asString()
        .contains("collections[0]")
        .contains("must be a mapping of keys, got a list");
  }

  @Test
  @Timeout(10)
  void aChainOfAliasesIsConvertedOnceANode() {
    StringBuilder yaml = new StringBuilder("l0: &l0 [x, x]\n");
    for (int i = 1; i <= 25; i++) { // 50 aliases, the most YamlLimits allows: 2^25 leaves expanded
      yaml.append("l").append(i).append(": &l").append(i).append(" [*l").append(i - 1);
      yaml.append(", *l").append(i - 1).append("]\n");
    }
    assertThat(new ConfigFiles(dir).problems(yaml.toString())).hasSize(26); // each: unknown key
  }
}
