package io.heapwarden.agent.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpHandler;
import io.heapwarden.agent.status.AgentStatus;
import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The server in this JVM: its worker is an agent thread, a failing handler answers 500 and the next
 * request is served, HEAD has no body, other paths are 404.
 */
class AdminServerTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final Rule rule = new Rule(0, "com.example.Cache.entries", RuleKind.COLLECTION, limits());
  private final AgentStatus status =
      new AgentStatus("test", () -> "heapwarden.yaml", () -> List.of(rule), id -> true);
  private AdminServer server;

  private static long[] limits() {
    long[] limits = Rule.noLimits();
    limits[Limit.MAX_ENTRIES.ordinal()] = 10;
    return limits;
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop();
    }
  }

  private HttpResponse<String> call(String method, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(server.url() + path))
            .timeout(Duration.ofSeconds(10))
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aFailingHandlerAnswers500AndTheNextRequestIsServedByAnAgentThread() throws Exception {
    AtomicBoolean fail = new AtomicBoolean(true);
    AtomicReference<Thread> served = new AtomicReference<>();
    Map<String, HttpHandler> handlers = new LinkedHashMap<>();
    handlers.put(
        "/memory-stats",
        new MemoryStatsEndpoint(
            status,
            () -> {
              served.set(Thread.currentThread());
              if (fail.getAndSet(false)) {
                throw new OutOfMemoryError("test: the heap is full");
              }
            }));
    server = AdminServer.start("127.0.0.1", 0, handlers);

    HttpResponse<String> failed = call("GET", "/memory-stats");

    assertThat(failed.statusCode()).isEqualTo(500);
    assertThat(failed.body()).isEqualTo("{\"error\":\"the agent failed to answer; see its log\"}");
    HttpResponse<String> stats = call("GET", "/memory-stats");
    assertThat(stats.statusCode()).isEqualTo(200);
    assertThat(stats.body())
        .contains("\"configFile\":\"heapwarden.yaml\"")
        .contains("\"target\":\"com.example.Cache.entries\",\"bound\":10,");
    Thread worker = served.get();
    assertThat(worker.getName()).isEqualTo("heapwarden-admin");
    assertThat(worker.isDaemon()).isTrue();
    assertThat(worker.getContextClassLoader()).isNull();
    assertThat(server.beyondLoopback()).isFalse();
  }

  @Test
  void headHasNoBodyAndOtherPathsAre404() throws Exception {
    Map<String, HttpHandler> handlers = new LinkedHashMap<>();
    handlers.put("/health", new HealthEndpoint(status, () -> List.of(rule)));
    server = AdminServer.start("127.0.0.1", 0, handlers);

    HttpResponse<String> head = call("HEAD", "/health");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(call("GET", "/health").body()).startsWith("{\"status\":\"UP\",");
    assertThat(call("GET", "/healthz").statusCode()).isEqualTo(404);
    assertThat(call("GET", "/nothing").statusCode()).isEqualTo(404);
  }

  @Test
  void aDisabledRuleMakesTheHealthDegradedButStill200() throws Exception {
    rule.fail(new IllegalStateException("test"));
    Map<String, HttpHandler> handlers = new LinkedHashMap<>();
    handlers.put("/health", new HealthEndpoint(status, () -> List.of(rule)));
    server = AdminServer.start("127.0.0.1", 0, handlers);

    HttpResponse<String> health = call("GET", "/health");

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body())
        .startsWith("{\"status\":\"DEGRADED\",")
        .endsWith("\"rulesDisabled\":1}");
  }
}
