package io.heapwarden.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.rules.Kinds;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The loader runs on the premain thread before the service's main, so the first load in a fresh JVM
 * must stay lean. This loads the example config in a new JVM with class loading logged, and checks
 * that the valid path pulls in none of the expensive machinery: no indy string concatenation (its
 * bootstrap costs tens of milliseconds cold), no SnakeYAML at all (QuickYaml reads such a config),
 * no Formatter. It prints the measured time; the bound it asserts is only a gross-regression guard.
 */
class ColdLoadTest {
  private static final String BEGIN = "heapwarden-cold-load-begin";
  private static final String END = "heapwarden-cold-load-end";
  private static final Path EXAMPLE = Path.of("../examples/chat-service/heapwarden.yaml");

  /** Runs in the fresh JVM: no string concatenation or formatting between the markers. */
  public static void main(String[] args) {
    // What AgentStartup does before loading: a lambda, so lambda bootstrapping is not counted.
    Map<String, String> properties = new java.util.HashMap<>();
    System.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
    Map<String, String> env = System.getenv();
    String arguments = args[0];
    System.out.println(BEGIN);
    long started = System.nanoTime();
    ConfigResult result =
        ConfigLoader.load(ConfigRequest.locate(Kinds.schema(), arguments, properties, env));
    long elapsed = System.nanoTime() - started;
    System.out.println(END);
    System.out.println(result instanceof ConfigResult.Valid ? "valid" : "invalid");
    System.out.println(elapsed);
  }

  @Test
  void theFirstLoadInAFreshJvmStaysLean() throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command =
        List.of(
            java.toString(),
            "-Xshare:auto",
            "-Xlog:class+load=info:stdout",
            "-cp",
            System.getProperty("java.class.path"),
            ColdLoadTest.class.getName(),
            "config=" + EXAMPLE.toAbsolutePath());
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();

    List<String> lines = output.lines().toList();
    int begin = lines.indexOf(BEGIN);
    int end = lines.indexOf(END);
    assertThat(begin).as(output).isNotNegative();
    assertThat(end).as(output).isGreaterThan(begin);
    List<String> loadedDuringLoad = new ArrayList<>();
    for (String line : lines.subList(begin + 1, end)) {
      int start = line.indexOf("[class,load] ");
      if (start >= 0) {
        String rest = line.substring(start + "[class,load] ".length());
        loadedDuringLoad.add(rest.substring(0, rest.indexOf(' ')));
      }
    }
    assertThat(lines.get(end + 1)).isEqualTo("valid");
    long millis = TimeUnit.NANOSECONDS.toMillis(Long.parseLong(lines.get(end + 2)));
    System.out.println(
        "cold locate+load of the example config: "
            + millis
            + " ms, "
            + loadedDuringLoad.size()
            + " classes loaded (with class-load logging on)");

    assertThat(loadedDuringLoad)
        .as("classes loaded by the first load")
        .isNotEmpty()
        .noneMatch(name -> name.equals("java.util.Formatter"))
        .noneMatch(name -> name.endsWith("StringConcatFactory"))
        .noneMatch(name -> name.contains("snakeyaml")); // QuickYaml reads the example
    assertThat(millis).as("a gross-regression bound, far above the usual ~50 ms").isLessThan(2000);
  }
}
