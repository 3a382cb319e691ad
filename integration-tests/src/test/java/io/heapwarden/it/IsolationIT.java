package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.LibraryVersions;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.JvmResult;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A service with its own, different versions of the libraries the agent uses keeps using its own:
 * SLF4J 1.7 (the agent: 2.0), ASM 9.2 (9.10), SnakeYAML 1.33 (2.4), plus Byte Buddy and Micrometer.
 */
class IsolationIT {
  private static final Map<String, String> CLASS_TO_JAR =
      Map.of(
          "org.slf4j.LoggerFactory", "slf4j-api.jar",
          "org.objectweb.asm.ClassReader", "asm.jar",
          "org.yaml.snakeyaml.Yaml", "snakeyaml.jar",
          "net.bytebuddy.ByteBuddy", "byte-buddy.jar",
          "io.micrometer.core.instrument.Metrics", "micrometer-core.jar");

  @Test
  void serviceSeesItsOwnLibraryVersions() {
    AgentJvm jvm =
        AgentJvm.forMainClass(LibraryVersions.class)
            .withConfig(
                """
                collections:
                  - field: com.example.NeverLoaded.cache
                    max-entries: 10
                """)
            .args(CLASS_TO_JAR.keySet().toArray(String[]::new));
    jvm.fixtureLibs("slf4j-api.jar", "asm.jar", "snakeyaml.jar", "byte-buddy.jar")
        .fixtureLibs(AgentJvm.MICROMETER_LIBS);

    JvmResult result = jvm.run();

    assertThat(result.exitCode()).as(result.output()).isZero();
    CLASS_TO_JAR.forEach(
        (className, jar) ->
            assertThat(result.stdout())
                .as(result.output())
                .containsPattern(
                    "class " + className.replace(".", "\\.") + " from file:\\S+/it-libs/" + jar));
    assertThat(result.stdout()).doesNotContain("heapwarden-agent.jar");
  }
}
