package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.sessions.SessionsService;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.ItEnvironment;
import io.heapwarden.it.harness.JvmResult;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Heapwarden next to the OpenTelemetry Java agent (from Maven Central, exporters off), loaded
 * before it and after it, on a real Tomcat whose servlets OpenTelemetry instruments: both agents
 * start, Tomcat's session store is capped by the servlet preset as it is alone, and neither agent
 * reports a failure (no transform failure, no failed rule, no VerifyError, no warning of ours).
 */
class StackedAgentsIT {
  private static final int CLIENTS = 300;
  private static final String CAPPED =
      """
      sessions:
        - preset: servlet
          max-sessions: 50
          idle-timeout: 10m
          window: 5
      """;

  @ParameterizedTest(name = "OpenTelemetry {0} Heapwarden")
  @ValueSource(strings = {"before", "after"})
  void bothAgentsWorkAndTheCapHolds(String order) {
    String otel = "-javaagent:" + ItEnvironment.fixtureLib("opentelemetry-javaagent.jar");
    String[] otelOptions = {
      "-Dotel.traces.exporter=none",
      "-Dotel.metrics.exporter=none",
      "-Dotel.logs.exporter=none",
      "-Dotel.service.name=stacked-it"
    };
    AgentJvm jvm =
        AgentJvm.forMainClass(SessionsService.class)
            .fixtureLibs(SessionServletIT.libs("tomcat"))
            .withConfig(CAPPED)
            .recordJfr()
            .jvmArgs(otelOptions)
            .args("tomcat", "capacity", Integer.toString(CLIENTS), "4");
    if (order.equals("before")) {
      jvm.jvmArgsBeforeAgent(otel);
    } else {
      jvm.jvmArgs(otel);
    }
    JvmResult result = jvm.run(Duration.ofSeconds(180));
    Map<String, String> out = SessionServletIT.values(result);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.stderr())
        .as("OpenTelemetry's agent started")
        .contains("opentelemetry-javaagent - version: 2.22.0");
    assertThat(out.get("active")).as(result.output()).isEqualTo("50");
    assertThat(out.get("destroyed"))
        .isEqualTo(Integer.toString(Integer.parseInt(out.get("created")) - 50));
    assertThat(result.output()).doesNotContain("VerifyError").doesNotContain("LinkageError");
    assertThat(result.agentLines())
        .as(result.output())
        .noneMatch(line -> line.contains("WARN") || line.contains("ERROR"));
    assertThat(result.events("heapwarden.TransformFailed")).isEmpty();
    assertThat(result.events("heapwarden.RuleFailed")).isEmpty();
  }
}
