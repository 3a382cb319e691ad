package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.examples.chat.ChatService;
import io.heapwarden.examples.chat.LoadDriver;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.ItEnvironment;
import io.heapwarden.it.harness.JvmResult;
import io.heapwarden.it.harness.RunningJvm;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

/**
 * The chat service builds an embedding model per request. Under the agent and the example config (a
 * singleton rule on EmbeddingModel), it builds one per distinct model name, however many requests
 * and threads ask at once; the JFR recording holds the creation.
 */
class SingletonsIT {
  private static final Path EXAMPLE_CONFIG =
      ItEnvironment.codeSource(ChatService.class)
          .getParent()
          .getParent()
          .resolve("heapwarden.yaml");

  /** Light enough not to exhaust the heap without the agent; 8 threads ask at once. */
  private static final String[] LOAD = {
    "--requests", "400", "--sessions", "50", "--clients", "20", "--threads", "8"
  };

  private static AgentJvm service() {
    return AgentJvm.forMainClass(ChatService.class).jvmArgs("-Xmx256m").args("--port", "0");
  }

  private static int awaitPort(RunningJvm service) {
    Matcher listening =
        service.awaitOutput("chat-service listening on port (\\d+)", Duration.ofSeconds(30));
    return Integer.parseInt(listening.group(1));
  }

  private static JvmResult drive(int port) {
    String[] args = new String[LOAD.length + 2];
    args[0] = "--port";
    args[1] = Integer.toString(port);
    System.arraycopy(LOAD, 0, args, 2, LOAD.length);
    return AgentJvm.forMainClass(LoadDriver.class).args(args).run(Duration.ofSeconds(120));
  }

  private static long modelsBuilt(int port) throws Exception {
    HttpResponse<String> health =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
    Matcher built = Pattern.compile("\"modelsBuilt\":(\\d+)").matcher(health.body());
    assertThat(built.find()).as(health.body()).isTrue();
    return Long.parseLong(built.group(1));
  }

  @Test
  void withoutTheAgentEveryRequestBuildsAModel() throws Exception {
    try (RunningJvm service = service().start()) {
      int port = awaitPort(service);
      JvmResult load = drive(port);

      assertThat(load.stdout()).as(load.output()).contains("load: requests=400 ok=400 failed=0");
      assertThat(modelsBuilt(port)).isEqualTo(400);
    }
  }

  @Test
  void withTheAgentTheModelIsBuiltOncePerDistinctName() throws Exception {
    // The example config, with reuses aggregated every 200 ms instead of every 10 s
    String config = Files.readString(EXAMPLE_CONFIG);
    assertThat(config).contains("interval: 10s");
    AgentJvm jvm = service().recordJfr();
    jvm.withConfig(config.replace("interval: 10s", "interval: 200ms"));
    try (RunningJvm service = jvm.start()) {
      int port = awaitPort(service);
      JvmResult load = drive(port);
      long built = modelsBuilt(port);
      Thread.sleep(500); // a last aggregation tick
      JvmResult stopped = service.stop(Duration.ofSeconds(30));

      assertThat(load.stdout()).as(load.output()).contains("load: requests=400 ok=400 failed=0");
      assertThat(built).as("models built under the agent (one name)").isEqualTo(1);
      List<RecordedEvent> created = stopped.events("heapwarden.SingletonCreated");
      assertThat(created).as(stopped.output()).hasSize(1);
      assertThat(created.get(0).getString("rule"))
          .isEqualTo("io.heapwarden.examples.chat.EmbeddingModel");
      assertThat(created.get(0).getString("key")).isEqualTo("(\"mini-embed-v1\")");
      assertThat(created.get(0).getDuration("constructionTime")).isPositive();
      long reused =
          stopped.events("heapwarden.RuleActivity").stream()
              .filter(e -> e.getString("action").equals("REUSED"))
              .mapToLong(e -> e.getLong("count"))
              .sum();
      assertThat(reused).as("reuses aggregated in RuleActivity").isEqualTo(399);
      assertThat(stopped.agentLines())
          .as(stopped.output())
          .anyMatch(line -> line.contains("EmbeddingModel: built a shared instance"))
          .noneMatch(line -> line.contains(" ERROR ") || line.contains(" WARN "));
      assertThat(stopped.events("heapwarden.TransformFailed")).isEmpty();
    }
  }
}
