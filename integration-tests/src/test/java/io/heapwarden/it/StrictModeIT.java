package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.HelloService;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.JvmResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** With strict: true an invalid config stops the JVM before main, with exit status 78. */
class StrictModeIT {
  private static final int EX_CONFIG = 78;

  @Test
  void strictConfigStopsTheJvmBeforeMain() {
    JvmResult result =
        AgentJvm.forMainClass(HelloService.class)
            .withConfig(
                """
                strict: true
                collections:
                  - field: com.example.Cache.entries
                    max-entries: ten
                """)
            .run();

    assertThat(result.exitCode()).as(result.output()).isEqualTo(EX_CONFIG);
    assertThat(result.stdout()).doesNotContain("hello from main");
    assertThat(result.stderr()).contains("heapwarden.yaml:4:18", "collections[0].max-entries");
  }

  @Test
  void strictAsSystemPropertyAppliesToABrokenFile() {
    JvmResult result =
        AgentJvm.forMainClass(HelloService.class)
            .withConfig("logging: { level: loud }\n")
            .jvmArgs("-Dheapwarden.strict=true")
            .run();

    assertThat(result.exitCode()).as(result.output()).isEqualTo(EX_CONFIG);
    assertThat(result.stderr()).contains("logging.level");
  }

  @Test
  void anEmptyFileIsRefusedAtStartToo() {
    JvmResult strict =
        AgentJvm.forMainClass(HelloService.class)
            .withConfig("# nothing yet\n")
            .jvmArgs("-Dheapwarden.strict=true")
            .run();
    JvmResult lenient = AgentJvm.forMainClass(HelloService.class).withConfig("").run();

    assertThat(strict.exitCode()).as(strict.output()).isEqualTo(EX_CONFIG);
    assertThat(strict.stderr()).contains("heapwarden.yaml: the config file is empty");
    assertThat(lenient.exitCode()).as(lenient.output()).isZero();
    assertThat(lenient.stdout()).contains("hello from main");
    assertThat(lenient.output()).contains("the config file is empty");
  }

  @Test
  void strictWithAValidConfigRunsTheService() {
    JvmResult result = AgentJvm.forMainClass(HelloService.class).withConfig("strict: true\n").run();

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.stdout()).contains("hello from main");
  }

  @Test
  void strictHoldsForAFileThatIsNotUtf8() throws Exception {
    AgentJvm jvm = AgentJvm.forMainClass(HelloService.class).withConfig("");
    Files.write(
        jvm.configFile(), "strict: true\n# caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

    JvmResult result = jvm.run();

    assertThat(result.exitCode()).as(result.output()).isEqualTo(EX_CONFIG);
    assertThat(result.stdout()).doesNotContain("hello from main");
    assertThat(result.stderr()).contains("heapwarden.yaml:2:6", "not valid UTF-8");
  }

  @Test
  void strictHoldsForAFileOverTheSizeLimit() throws Exception {
    AgentJvm jvm = AgentJvm.forMainClass(HelloService.class).withConfig("");
    byte[] huge = new byte[(1 << 20) + 1];
    Arrays.fill(huge, (byte) '\n');
    byte[] head = "strict: true\n".getBytes(StandardCharsets.UTF_8);
    System.arraycopy(head, 0, huge, 0, head.length);
    Files.write(jvm.configFile(), huge);

    JvmResult result = jvm.run();

    assertThat(result.exitCode()).as(result.output()).isEqualTo(EX_CONFIG);
    assertThat(result.stdout()).doesNotContain("hello from main");
    assertThat(result.stderr()).contains("too large");
  }
}
