package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.EndpointsService;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.ItEnvironment;
import io.heapwarden.it.harness.RunningJvm;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code telemetry.prometheus:} of a real agent: the scrape parsed by Prometheus's own parser
 * ({@code promtool check metrics}, from Debian's {@code prometheus} package, which .ci/run
 * installs) and by this test line by line; the example dashboard's and alert rules' queries name
 * only meters the scrape serves; the alert rules load and fire as their promtool unit tests say.
 */
class PrometheusIT {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Path EXAMPLES = Path.of("../examples");
  private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (counter|gauge)$");
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-z_]+)(\\{[^}]*\\})? (-?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)$");
  private static final Pattern METRIC = Pattern.compile("\\bheapwarden_[a-z_]+\\b");

  private static final String CONFIG =
      """
      telemetry:
        interval: 200ms
        prometheus:
          port: 0
      collections:
        - field: io.heapwarden.it.fixtures.EndpointsService.cache
          max-entries: 10
        - field: io.heapwarden.it.fixtures.EndpointsService.shared
          max-entries: 20
      singletons:
        - class: io.heapwarden.it.fixtures.EndpointsService$Model
      sessions:
        - field: io.heapwarden.it.fixtures.EndpointsService.sessions
          max-sessions: 5
      pressure:
        heap: {warn: 97%, critical: 99%}
      admin:
        port: 0
      """;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private HttpResponse<String> get(int port, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(WAIT).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theScrapeParsesAndTheExamplesQueryOnlyWhatItServes() throws Exception {
    AgentJvm jvm = AgentJvm.forMainClass(EndpointsService.class).withConfig(CONFIG);
    jvm.env("HEAPWARDEN_ADMIN_TOKEN", EndpointsIT.TOKEN);
    try (RunningJvm running = jvm.start()) {
      running.awaitOutput("^ready$", WAIT);
      running.send("25");
      running.awaitOutput("^size=10 shared=20 model=embedding$", WAIT);
      int metricsPort = EndpointsIT.awaitPort(running, "Prometheus metrics");
      int adminPort = EndpointsIT.awaitPort(running, "admin endpoints");
      assertThat(metricsPort).isNotEqualTo(adminPort);
      HttpResponse<String> cleanup =
          http.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/cleanup"))
                  .header("Authorization", "Bearer " + EndpointsIT.TOKEN)
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(cleanup.statusCode()).as(cleanup.body()).isEqualTo(200);
      assertThat(cleanup.body()).contains("\"sessionStoresTrimmed\":1,");

      HttpResponse<String> scrape = get(metricsPort, "/metrics");

      assertThat(scrape.statusCode()).isEqualTo(200);
      assertThat(scrape.headers().firstValue("Content-Type"))
          .hasValue("text/plain; version=0.0.4; charset=utf-8");
      assertThat(get(metricsPort, "/health").statusCode()).isEqualTo(404);
      String text = scrape.body();
      promtool(text, "check", "metrics");
      Map<String, Double> samples = samples(text);
      assertThat(samples)
          .containsEntry(
              "heapwarden_collection_evictions_total"
                  + "{rule=\"io.heapwarden.it.fixtures.EndpointsService.cache\"}",
              15.0)
          .containsEntry(
              "heapwarden_collection_trims_total"
                  + "{rule=\"io.heapwarden.it.fixtures.EndpointsService.shared\"}",
              10.0)
          .containsEntry(
              "heapwarden_singleton_created_instances_total"
                  + "{rule=\"io.heapwarden.it.fixtures.EndpointsService$Model\"}",
              1.0)
          .containsEntry(
              "heapwarden_session_evictions_total{rule=\"io.heapwarden.it.fixtures.EndpointsService"
                  + ".sessions\",reason=\"capacity\"}",
              20.0)
          .containsEntry(
              "heapwarden_session_evictions_total{rule=\"io.heapwarden.it.fixtures.EndpointsService"
                  + ".sessions\",reason=\"pressure\"}",
              3.0) // the cleanup's trim, from 5 sessions to 50%
          .containsEntry(
              "heapwarden_session_active_sessions"
                  + "{rule=\"io.heapwarden.it.fixtures.EndpointsService.sessions\"}",
              2.0)
          .containsEntry("heapwarden_agent_rules", 4.0)
          .containsEntry("heapwarden_pressure_level", 0.0)
          .containsEntry("heapwarden_pressure_gc_nudges_total", 1.0);
      assertThat(samples.get("heapwarden_pressure_heap_after_gc_bytes")).isPositive();
      assertThat(samples.get("heapwarden_pressure_heap_max_bytes"))
          .isGreaterThan(samples.get("heapwarden_pressure_heap_after_gc_bytes"));
      for (String series : samples.keySet()) {
        assertThat(series).startsWith("heapwarden_").doesNotContain("key=");
        assertThat(series.replaceAll("\\{.*", ""))
            .as("base units in the name")
            .doesNotEndWith("_seconds_total_seconds");
      }

      Set<String> served = families(text);
      assertThat(examplesMetrics("grafana/heapwarden.json"))
          .isNotEmpty()
          .allSatisfy(name -> assertThat(served).as("served families").contains(name));
      assertThat(examplesMetrics("prometheus/heapwarden-alerts.yml"))
          .isNotEmpty()
          .allSatisfy(name -> assertThat(served).as("served families").contains(name));
      assertThat(running.stdout() + running.stderr())
          .doesNotContain(EndpointsIT.TOKEN)
          .doesNotContain(" ERROR ");
    }
  }

  @Test
  void theMetricsShareTheAdminPortWhenTheyNameIt() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    AgentJvm jvm =
        AgentJvm.forMainClass(EndpointsService.class)
            .withConfig(
                CONFIG
                    .replace("  prometheus:\n    port: 0", "  prometheus:\n    port: " + port)
                    .replace("admin:\n  port: 0", "admin:\n  port: " + port));
    try (RunningJvm running = jvm.start()) {
      running.awaitOutput("^ready$", WAIT);
      running.awaitOutput(
          "admin endpoints on http://127\\.0\\.0\\.1:"
              + port
              + ": GET /health, GET /memory-stats,"
              + " POST /cleanup \\(refused: no admin.token\\), GET /metrics",
          WAIT);

      assertThat(get(port, "/metrics").body()).contains("# TYPE heapwarden_agent_rules gauge");
      assertThat(get(port, "/health").statusCode()).isEqualTo(200);
      assertThat(running.stdout() + running.stderr()).doesNotContain("Prometheus metrics on");
    }
  }

  @Test
  void theAlertRulesLoadAndFireAsTheirUnitTestsSay() throws Exception {
    Map<?, ?> rules = yaml(EXAMPLES.resolve("prometheus/heapwarden-alerts.yml"));
    List<String> alerts = new ArrayList<>();
    for (Object group : (List<?>) rules.get("groups")) {
      for (Object rule : (List<?>) ((Map<?, ?>) group).get("rules")) {
        alerts.add(String.valueOf(((Map<?, ?>) rule).get("alert")));
      }
    }
    assertThat(alerts)
        .containsExactly(
            "HeapwardenMemoryPressureWarn",
            "HeapwardenMemoryPressureCritical",
            "HeapwardenHeapAfterGcAbove75Percent",
            "HeapwardenHeapAfterGcAbove90Percent",
            "HeapwardenRuleFailed",
            "HeapwardenSessionChurn");

    assertThat(promtool(null, "check", "rules", "prometheus/heapwarden-alerts.yml"))
        .contains("SUCCESS: 6 rules found");
    assertThat(promtool(null, "test", "rules", "prometheus/heapwarden-alerts.test.yml"))
        .contains("SUCCESS");
  }

  /** Every {@code heapwarden_*} name the example's queries use. */
  private static Set<String> examplesMetrics(String file) throws IOException {
    List<String> expressions = new ArrayList<>();
    collectExpressions(yaml(EXAMPLES.resolve(file)), expressions); // JSON is YAML too
    assertThat(expressions).as("the queries of " + file).isNotEmpty();
    Set<String> names = new TreeSet<>();
    for (String expression : expressions) {
      Matcher metric = METRIC.matcher(expression);
      while (metric.find()) {
        names.add(metric.group());
      }
    }
    return names;
  }

  private static void collectExpressions(@Nullable Object node, List<String> out) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (("expr".equals(entry.getKey()) || "definition".equals(entry.getKey()))
            && entry.getValue() instanceof String expression) {
          out.add(expression);
        } else {
          collectExpressions(entry.getValue(), out);
        }
      }
    } else if (node instanceof List<?> list) {
      for (Object item : list) {
        collectExpressions(item, out);
      }
    }
  }

  private static Map<?, ?> yaml(Path file) throws IOException {
    Object loaded =
        new Yaml(new LoaderOptions()).load(Files.readString(file, StandardCharsets.UTF_8));
    assertThat(loaded).as(file.toString()).isInstanceOf(Map.class);
    return (Map<?, ?>) loaded;
  }

  /** Each sample by its series ({@code name{labels}}), checking every line on the way. */
  private static Map<String, Double> samples(String text) {
    Map<String, Double> samples = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      if (line.startsWith("# HELP ") || TYPE.matcher(line).matches()) {
        continue;
      }
      Matcher sample = SAMPLE.matcher(line);
      assertThat(sample.matches()).as(line).isTrue();
      String series = sample.group(1) + (sample.group(2) == null ? "" : sample.group(2));
      assertThat(samples.put(series, Double.parseDouble(sample.group(3))))
          .as("one sample per series: " + series)
          .isNull();
    }
    return samples;
  }

  private static Set<String> families(String text) {
    Set<String> families = new TreeSet<>();
    for (String line : text.split("\n")) {
      Matcher type = TYPE.matcher(line);
      if (type.matches()) {
        families.add(type.group(1));
      }
    }
    return families;
  }

  /**
   * Runs promtool (in {@code examples/}) with {@code stdin}, expecting success; skipped where it is
   * not installed (.ci/run installs it).
   */
  private static String promtool(@Nullable String stdin, String... args) throws Exception {
    Path promtool = onPath("promtool");
    Assumptions.assumeTrue(
        promtool != null, "promtool is not installed (Debian: apt-get install prometheus)");
    List<String> command = new ArrayList<>();
    command.add(promtool.toString());
    command.addAll(List.of(args));
    Files.createDirectories(ItEnvironment.workRoot());
    Path output = Files.createTempFile(ItEnvironment.workRoot(), "promtool", ".txt");
    Process process =
        new ProcessBuilder(command)
            .directory(EXAMPLES.toFile())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    try (var in = process.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String printed = Files.readString(output);
    assertThat(process.exitValue()).as("promtool %s: %s", args, printed).isZero();
    assertThat(printed).as("promtool's lint").doesNotContain("should", "problem");
    return printed;
  }

  private static @Nullable Path onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
