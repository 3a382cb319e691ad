package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.AppendingAgent;
import io.heapwarden.it.fixtures.HelloService;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.ItEnvironment;
import io.heapwarden.it.harness.JvmResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * Starting the agent prints no JVM warning and keeps class-data sharing: the boot-loader classes
 * are defined directly, not appended to the boot class path.
 */
class NoJvmWarningIT {
  private static final String CDS_WARNING = "Sharing is only supported for boot loader classes";

  @Test
  void agentStartsWithoutAnyJvmWarning() {
    JvmResult result =
        AgentJvm.forMainClass(HelloService.class)
            .withConfig(
                """
                collections:
                  - field: com.example.NeverLoaded.cache
                    max-entries: 10
                """)
            .run();

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.stdout()).contains("hello from main", "heapwarden-bootstrap=boot");
    assertThat(result.stdout() + result.stderr()).doesNotContainIgnoringCase("warning");
    assertThat(result.agentLines())
        .as("a clean start logs no agent problem")
        .noneMatch(line -> line.contains(" ERROR ") || line.contains(" WARN "));
  }

  @Test
  void controlAppendingToTheBootClassPathDoesPrintTheWarning() throws IOException {
    Path workDir = Files.createDirectories(ItEnvironment.workRoot().resolve("appending-agent"));
    Path agentJar = jar(workDir.resolve("appending-agent.jar"), AppendingAgent.class);
    Path appended = jar(workDir.resolve("appended.jar"), HelloService.class);

    JvmResult result =
        AgentJvm.forMainClass(HelloService.class)
            .jvmArgs("-javaagent:" + agentJar + "=" + appended)
            .run();

    assertThat(result.stdout() + result.stderr()).contains(CDS_WARNING);
  }

  private static Path jar(Path target, Class<?> type) throws IOException {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().putValue("Premain-Class", type.getName());
    String resource = type.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(target);
        JarOutputStream out = new JarOutputStream(file, manifest);
        InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
      out.putNextEntry(new JarEntry(resource));
      in.transferTo(out);
      out.closeEntry();
    }
    return target;
  }
}
