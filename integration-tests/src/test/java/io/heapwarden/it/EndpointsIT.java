package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.EndpointsService;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.JvmResult;
import io.heapwarden.it.harness.RunningJvm;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.regex.Matcher;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The admin endpoints of a real agent in a real service: each body, the token rules, 405, the rate
 * limit, the loopback binding, off by default, and a service that ends as if they were not there.
 * The Prometheus port is checked in {@link PrometheusIT}.
 */
class EndpointsIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  static final String TOKEN = "it-token-5f0c9a7e3d1b2468";

  static final String CONFIG =
      """
      telemetry:
        interval: 200ms
      collections:
        - field: io.heapwarden.it.fixtures.EndpointsService.cache
          max-entries: 10
        - field: io.heapwarden.it.fixtures.EndpointsService.shared
          max-entries: 20
      singletons:
        - class: io.heapwarden.it.fixtures.EndpointsService$Model
      admin:
        port: 0
        cleanup-interval: 1m
      """;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  static int awaitPort(RunningJvm running, String what) {
    Matcher logged =
        running.awaitOutput(
            "\\[heapwarden\\] INFO .*" + what + " on http://127\\.0\\.0\\.1:(\\d+)", WAIT);
    return Integer.parseInt(logged.group(1));
  }

  private HttpResponse<String> call(
      String method, int port, String pathAndQuery, @Nullable String authorization)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + pathAndQuery))
            .timeout(WAIT)
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void eachEndpointAnswersAndCleanupNeedsTheTokenOnce() throws Exception {
    AgentJvm jvm = AgentJvm.forMainClass(EndpointsService.class).withConfig(CONFIG);
    jvm.env("HEAPWARDEN_ADMIN_TOKEN", TOKEN);
    try (RunningJvm running = jvm.start()) {
      running.awaitOutput("^ready$", WAIT);
      running.send("25");
      running.awaitOutput("^size=10 shared=20 model=embedding$", WAIT);
      running.send("25");
      running.awaitOutput("^size=10 shared=20 model=embedding$", WAIT);
      int port = awaitPort(running, "admin endpoints");
      assertThat(running.stderr() + running.stdout())
          .contains("GET /health, GET /memory-stats, POST /cleanup (bearer token required)");

      HttpResponse<String> health = call("GET", port, "/health", null);
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.headers().firstValue("Content-Type"))
          .hasValue("application/json; charset=utf-8");
      assertThat(health.body())
          .matches(
              "\\{\"status\":\"UP\",\"pressureLevel\":\"NORMAL\",\"heapUsed\":[1-9]\\d*,"
                  + "\"heapCommitted\":[1-9]\\d*,\"heapMax\":[1-9]\\d*,\"heapAfterGc\":-1,"
                  + "\"workingSet\":-1,\"limit\":-1,\"rss\":[1-9]\\d*,\"boundPercent\":100,"
                  + "\"rulesDisabled\":0\\}");

      HttpResponse<String> stats = call("GET", port, "/memory-stats", null);
      assertThat(stats.statusCode()).isEqualTo(200);
      assertThat(stats.body())
          .startsWith("{\"pid\":" + running.pid() + ",\"version\":\"")
          .contains(
              "\"active\":true,",
              "\"pressureLevel\":\"NORMAL\",",
              "{\"id\":0,\"kind\":\"COLLECTION\","
                  + "\"target\":\"io.heapwarden.it.fixtures.EndpointsService.cache\",\"bound\":10,"
                  + "\"limits\":\"max-entries 10\",\"size\":10,\"collections\":1,"
                  + "\"evictions\":40,\"trims\":0,\"created\":0,\"reuses\":0,\"failures\":0,"
                  + "\"enabled\":true,\"matched\":true}",
              "\"kind\":\"SINGLETON\","
                  + "\"target\":\"io.heapwarden.it.fixtures.EndpointsService$Model\","
                  + "\"bound\":-1,\"limits\":\"\",\"size\":-1,\"collections\":-1,\"evictions\":0,"
                  + "\"trims\":0,\"created\":1,\"reuses\":1,\"failures\":0,"
                  + "\"enabled\":true,\"matched\":true}")
          .endsWith("]}");

      // wrong methods
      HttpResponse<String> postHealth = call("POST", port, "/health", null);
      assertThat(postHealth.statusCode()).isEqualTo(405);
      assertThat(postHealth.headers().firstValue("Allow")).hasValue("GET, HEAD");
      assertThat(call("DELETE", port, "/memory-stats", null).statusCode()).isEqualTo(405);
      HttpResponse<String> getCleanup = call("GET", port, "/cleanup", "Bearer " + TOKEN);
      assertThat(getCleanup.statusCode()).isEqualTo(405);
      assertThat(getCleanup.headers().firstValue("Allow")).hasValue("POST");
      assertThat(call("GET", port, "/health/more", null).statusCode()).isEqualTo(404);
      assertThat(call("GET", port, "/", null).statusCode()).isEqualTo(404);

      // the token rules
      HttpResponse<String> none = call("POST", port, "/cleanup", null);
      assertThat(none.statusCode()).isEqualTo(401);
      assertThat(none.headers().firstValue("WWW-Authenticate"))
          .hasValue("Bearer realm=\"heapwarden\"");
      assertThat(call("POST", port, "/cleanup", "Bearer not-the-token-at-all").statusCode())
          .isEqualTo(401);
      assertThat(call("POST", port, "/cleanup", "Basic " + TOKEN).statusCode()).isEqualTo(401);
      HttpResponse<String> inQuery =
          call("POST", port, "/cleanup?token=" + TOKEN, "Bearer " + TOKEN);
      assertThat(inQuery.statusCode()).isEqualTo(400);
      assertThat(inQuery.body()).contains("a token in the URL is refused");

      HttpResponse<String> cleanup = call("POST", port, "/cleanup", "Bearer " + TOKEN);
      assertThat(cleanup.statusCode()).as(cleanup.body()).isEqualTo(200);
      // the thread-safe cache trimmed to trim-to (50%) of its bound; the other left alone
      assertThat(cleanup.body())
          .matches(
              "\\{\"boundPercent\":50,\"collectionsTrimmed\":1,\"sessionStoresTrimmed\":0,"
                  + "\"entriesDropped\":10,\"collectionsDeferred\":1,\"gc\":\"DiagnosticCommand"
                  + " GC\\.run[^\"]*\",\"heapBefore\":[1-9]\\d*,\"heapAfter\":[1-9]\\d*,"
                  + "\"rssBefore\":[1-9]\\d*,\"rssAfter\":[1-9]\\d*,\"durationMillis\":\\d+,"
                  + "\"nativeTrim\":\"[^\"]*\"\\}");
      assertThat(call("GET", port, "/memory-stats", null).body())
          .contains(
              "\"target\":\"io.heapwarden.it.fixtures.EndpointsService.shared\",\"bound\":20,"
                  + "\"limits\":\"max-entries 20\",\"size\":10,\"collections\":1,"
                  + "\"evictions\":30,\"trims\":10,");

      // rate limit: one cleanup per cleanup-interval (1m)
      HttpResponse<String> again = call("POST", port, "/cleanup", "Bearer " + TOKEN);
      assertThat(again.statusCode()).isEqualTo(429);
      assertThat(again.headers().firstValue("Retry-After").map(Long::parseLong))
          .hasValueSatisfying(seconds -> assertThat(seconds).isBetween(1L, 60L));
      // failed authentications have their own limit: the tenth failure in a row is the last
      int lastStatus = 0;
      for (int i = 0; i < 12; i++) {
        lastStatus = call("POST", port, "/cleanup", "Bearer guess-" + i).statusCode();
      }
      assertThat(lastStatus).isEqualTo(429);
      // the read-only endpoints are not limited
      assertThat(call("GET", port, "/health", null).statusCode()).isEqualTo(200);

      running.send("quit");
      running.awaitOutput("^bye$", WAIT);
      // the admin threads are daemons: the JVM ends with main
      JvmResult result = running.awaitExit(WAIT);
      assertThat(result.exitCode()).isZero();
      String log = result.stdout() + result.stderr();
      assertThat(log).doesNotContain(TOKEN).doesNotContain("guess-");
      assertThat(log)
          .contains("refused POST /cleanup from 127.0.0.1: 401 wrong token")
          .contains("refused POST /cleanup from 127.0.0.1: 429 a cleanup ran less than")
          .containsPattern(
              "POST /cleanup from 127\\.0\\.0\\.1: trimmed 1 collections and 0 session stores"
                  + " \\(10 entries\\)")
          .doesNotContain(" ERROR ");
    }
  }

  @Test
  void theAdminPortListensOnTheLoopbackOnly() throws Exception {
    InetAddress outside = nonLoopbackAddress();
    AgentJvm jvm = AgentJvm.forMainClass(EndpointsService.class).withConfig(CONFIG);
    try (RunningJvm running = jvm.start()) {
      running.awaitOutput("^ready$", WAIT);
      int port = awaitPort(running, "admin endpoints");
      assertThat(running.stderr() + running.stdout())
          .contains("POST /cleanup (refused: no admin.token)")
          .doesNotContain("listens beyond this host");

      assertThat(call("GET", port, "/health", null).statusCode()).isEqualTo(200);
      assertThat(call("POST", port, "/cleanup", "Bearer " + TOKEN).statusCode()).isEqualTo(403);
      if (outside != null) { // a machine with no other address has nothing more to show
        String host = outside.getHostAddress();
        HttpRequest request =
            HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + "/health"))
                .timeout(Duration.ofSeconds(5))
                .build();
        try {
          HttpResponse<String> reached = http.send(request, HttpResponse.BodyHandlers.ofString());
          throw new AssertionError(
              "reached the admin port on " + host + ": " + reached.statusCode());
        } catch (ConnectException refused) {
          // as it should be: nothing listens there
        }
      }
    }
  }

  @Test
  void offByDefault() throws Exception {
    AgentJvm jvm =
        AgentJvm.forMainClass(EndpointsService.class)
            .withConfig(CONFIG.substring(0, CONFIG.indexOf("admin:")));
    jvm.env("HEAPWARDEN_ADMIN_TOKEN", TOKEN); // a token alone opens nothing
    java.nio.file.Path classes = jvm.workspace().dir().resolve("classes.log");
    jvm.jvmArgs("-Xlog:class+load=info:file=" + classes);
    try (RunningJvm running = jvm.start()) {
      running.awaitOutput("^ready$", WAIT);
      running.send("25");
      running.awaitOutput("^size=10 shared=20 model=embedding$", WAIT);
      running.awaitOutput("\\[heapwarden\\] INFO .*started", WAIT);
      Thread.sleep(1000); // five telemetry intervals after start
      running.send("quit");
      JvmResult result = running.awaitExit(WAIT);

      assertThat(result.exitCode()).isZero();
      assertThat(result.stdout() + result.stderr())
          .doesNotContain("admin endpoints")
          .doesNotContain("Prometheus metrics");
      assertThat(java.nio.file.Files.readString(classes))
          .doesNotContain("io.heapwarden.agent.endpoints.")
          .doesNotContain("com.sun.net.httpserver.")
          .doesNotContain("sun.net.httpserver.");
    }
  }

  /** An IPv4 address of this machine that is not a loopback one, or null. */
  private static @Nullable InetAddress nonLoopbackAddress() throws IOException {
    for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (!nic.isUp() || nic.isLoopback()) {
        continue;
      }
      for (InetAddress address : Collections.list(nic.getInetAddresses())) {
        if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
          return address;
        }
      }
    }
    return null;
  }
}
