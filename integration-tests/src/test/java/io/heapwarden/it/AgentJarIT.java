package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.harness.ItEnvironment;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The deliverable jar holds only the agent's own namespace: nothing can shadow the service's. */
class AgentJarIT {

  @Test
  void everyClassIsInTheAgentsOwnNamespace() throws IOException {
    List<String> stray =
        entries().stream()
            .filter(name -> name.endsWith(".class"))
            .filter(name -> !name.startsWith("io/heapwarden/"))
            .collect(Collectors.toList());
    assertThat(stray).as("classes outside io/heapwarden/").isEmpty();
  }

  @Test
  void thirdPartyCodeIsRelocatedUnderShaded() throws IOException {
    List<String> classes =
        entries().stream().filter(n -> n.endsWith(".class")).collect(Collectors.toList());
    assertThat(classes)
        .anyMatch(n -> n.startsWith("io/heapwarden/shaded/asm/"))
        .anyMatch(n -> n.startsWith("io/heapwarden/shaded/snakeyaml/"))
        .anyMatch(n -> n.startsWith("io/heapwarden/shaded/slf4j/"))
        .allMatch(
            n ->
                n.startsWith("io/heapwarden/agent/")
                    || n.startsWith("io/heapwarden/bootstrap/")
                    || n.startsWith("io/heapwarden/shaded/"));
  }

  @Test
  void nothingElseCanBeFoundByTheServicesClassPathScanning() throws IOException {
    List<String> entries = entries();
    assertThat(entries).noneMatch(n -> n.endsWith("module-info.class"));
    assertThat(entries).noneMatch(n -> n.startsWith("META-INF/versions/"));
    // a service file for another library's interface would be picked up by that library
    assertThat(entries.stream().filter(n -> n.startsWith("META-INF/services/") && !n.endsWith("/")))
        .allMatch(n -> n.startsWith("META-INF/services/io.heapwarden."));
  }

  @Test
  void bootstrapClassesAreOnlyReadableByTheInjector() throws IOException {
    // At their class names the application loader could define its own copies (dynamic attach).
    List<String> entries = entries();
    assertThat(entries).noneMatch(n -> n.startsWith("io/heapwarden/bootstrap/"));
    assertThat(entries)
        .contains("io/heapwarden/agent/boot/inject/io/heapwarden/bootstrap/RuleTable.class");
  }

  @Test
  void theHtmlReportsChartingLibraryIsThreeResourcesOfTheReportPackage() throws IOException {
    // uPlot's minified script, style sheet and licence from its WebJar; none of the rest of it
    List<String> entries = entries();
    assertThat(entries.stream().filter(n -> n.contains("uplot") || n.contains("uPlot")))
        .containsExactlyInAnyOrder(
            "io/heapwarden/agent/report/uplot/",
            "io/heapwarden/agent/report/uplot/uPlot.iife.min.js",
            "io/heapwarden/agent/report/uplot/uPlot.min.css",
            "io/heapwarden/agent/report/uplot/LICENSE");
    assertThat(entries).noneMatch(n -> n.startsWith("META-INF/resources/"));
  }

  @Test
  void manifestDeclaresAgentAndCli() throws IOException {
    try (JarFile jar = new JarFile(ItEnvironment.agentJar().toFile())) {
      Attributes main = jar.getManifest().getMainAttributes();
      assertThat(main.getValue("Premain-Class")).isEqualTo("io.heapwarden.agent.HeapwardenAgent");
      assertThat(main.getValue("Agent-Class")).isEqualTo("io.heapwarden.agent.HeapwardenAgent");
      assertThat(main.getValue("Can-Retransform-Classes")).isEqualTo("true");
      assertThat(main.getValue("Main-Class")).isEqualTo("io.heapwarden.agent.cli.HeapwardenCli");
      assertThat(main.getValue("Multi-Release")).isNull();
    }
  }

  private static List<String> entries() throws IOException {
    try (JarFile jar = new JarFile(ItEnvironment.agentJar().toFile())) {
      return Collections.list(jar.entries()).stream()
          .map(JarEntry::getName)
          .collect(Collectors.toList());
    }
  }
}
