package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.ItEnvironment;
import io.heapwarden.it.harness.JvmResult;
import io.heapwarden.it.harness.RunningJvm;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * A Spring Boot 4 web application (examples/boot-sessions) launched as a fat jar with {@code java
 * -jar}: its classes load through Boot's own class loader from nested jars, its sessions live in
 * embedded Tomcat 11. With a rule on its own cache and the servlet preset, both stay within their
 * bounds, as the application itself counts them; without the agent both keep every client's entry.
 */
class BootFatJarIT {
  private static final int CLIENTS = 300;
  private static final String CONFIG =
      """
      collections:
        - field: io.heapwarden.examples.boot.SearchController.RESULTS
          max-entries: 100
      sessions:
        - preset: servlet
          max-sessions: 50
          idle-timeout: 10m
      """;

  @Test
  void withTheAgentTheCacheAndTheSessionsStayWithinTheirBounds() throws Exception {
    AgentJvm jvm = AgentJvm.forJar(ItEnvironment.bootSessionsJar()).withConfig(CONFIG).recordJfr();
    Map<String, String> stats = driven(jvm, true);

    assertThat(stats.get("cached")).isEqualTo("100");
    assertThat(stats.get("created")).isEqualTo(Integer.toString(CLIENTS));
    assertThat(stats.get("destroyed")).as("ended through Tomcat").isEqualTo("250");
  }

  @Test
  void withoutTheAgentEveryClientStays() throws Exception {
    AgentJvm jvm = AgentJvm.forJar(ItEnvironment.bootSessionsJar());
    Map<String, String> stats = driven(jvm, false);

    assertThat(stats.get("cached")).isEqualTo(Integer.toString(CLIENTS));
    assertThat(stats.get("created")).isEqualTo(Integer.toString(CLIENTS));
    assertThat(stats.get("destroyed")).isEqualTo("0");
  }

  /**
   * Attached to the running application after 2,000 clients opened a session each: the servlet
   * preset adopts the session map Tomcat already holds (on Tomcat's next read of it, here the next
   * client's request), and the sessions beyond the cap are ended through Tomcat, as its own
   * listeners count them.
   */
  @Test
  void attachedToTheRunningApplicationTheSessionsItHoldsDropToTheCap() throws Exception {
    int clients = 2_000;
    AgentJvm jvm = AgentJvm.forJar(ItEnvironment.bootSessionsJar()).args("--server.port=0");
    Path config = jvm.writeConfig(CONFIG);
    JvmResult stopped;
    Map<String, String> stats;
    try (RunningJvm app = jvm.start()) {
      Matcher started = app.awaitOutput("Tomcat started on port (\\d+)", Duration.ofSeconds(90));
      URI base = URI.create("http://127.0.0.1:" + started.group(1));
      for (int client = 0; client < clients; client++) {
        newSession(base, client);
      }
      assertThat(stats(base)).containsEntry("created", "2000").containsEntry("destroyed", "0");

      JvmResult attach =
          AgentJvm.forJar(ItEnvironment.agentJar())
              .args("attach", Long.toString(app.pid()), "--config", config.toString())
              .run(Duration.ofSeconds(60));
      assertThat(attach.exitCode()).as(attach.output()).isZero();
      newSession(base, clients); // Tomcat reads its session map: adopted, capped

      // ended through Tomcat down to the cap (50), at that insertion or the next sweep (1 s)
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      do {
        stats = stats(base);
      } while (!stats.get("destroyed").equals("1951") && System.nanoTime() < deadline);
      stopped = app.stop(Duration.ofSeconds(30));
    }
    assertThat(stats).as(stopped.output()).containsEntry("created", "2001");
    assertThat(stats).as(stopped.output()).containsEntry("destroyed", "1951");
    assertThat(stopped.output()).doesNotContain("VerifyError").doesNotContain("LinkageError");
    assertThat(stopped.agentLines()).as(stopped.output()).noneMatch(line -> line.contains("ERROR"));
  }

  private static void newSession(URI base, int client) throws Exception {
    HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
    assertThat(get(http, base.resolve("/search?q=query-" + client)))
        .contains("results for query-" + client);
  }

  private static Map<String, String> stats(URI base) throws Exception {
    return parse(get(HttpClient.newHttpClient(), base.resolve("/stats")));
  }

  private static Map<String, String> parse(String stats) {
    Map<String, String> values = new HashMap<>();
    for (String pair : stats.trim().split(" ")) {
      values.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
    }
    return values;
  }

  /** Starts the application, sends each client's three searches, and reads its own counts. */
  private static Map<String, String> driven(AgentJvm jvm, boolean agent) throws Exception {
    jvm.args("--server.port=0");
    JvmResult stopped;
    String stats;
    try (RunningJvm app = jvm.start()) {
      Matcher started = app.awaitOutput("Tomcat started on port (\\d+)", Duration.ofSeconds(90));
      URI base = URI.create("http://127.0.0.1:" + started.group(1));
      for (int client = 0; client < CLIENTS; client++) {
        HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        for (int search = 0; search < 3; search++) {
          String body = get(http, base.resolve("/search?q=query-" + client));
          assertThat(body).contains("results for query-" + client);
        }
      }
      stats = get(HttpClient.newHttpClient(), base.resolve("/stats"));
      stopped = app.stop(Duration.ofSeconds(30));
    }
    assertThat(stopped.output()).doesNotContain("VerifyError").doesNotContain("LinkageError");
    assertThat(stopped.agentLines())
        .as(stopped.output())
        .noneMatch(line -> line.contains("WARN") || line.contains("ERROR"));
    if (agent) {
      assertThat(stopped.events("heapwarden.TransformFailed")).isEmpty();
      assertThat(stopped.events("heapwarden.RuleFailed")).isEmpty();
    }
    return parse(stats);
  }

  private static String get(HttpClient http, URI uri) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(uri + ": " + response.body()).isEqualTo(200);
    return response.body();
  }
}
