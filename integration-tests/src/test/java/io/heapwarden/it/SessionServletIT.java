package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.sessions.SessionsService;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.JvmResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code preset: servlet} in real embedded containers: Tomcat 10.1 (jakarta), Tomcat 9 (javax) and
 * Jetty 12 (ee10), each driven with many more cookie clients than the cap. Every figure is the
 * container's own: its active-session count, what its session listeners heard, what its sessions
 * answer.
 */
class SessionServletIT {
  private static final Map<String, String> RULES =
      Map.of(
          "tomcat", "org.apache.catalina.session.ManagerBase.sessions",
          "tomcat9", "org.apache.catalina.session.ManagerBase.sessions",
          "jetty", "org.eclipse.jetty.session.DefaultSessionCache._sessions");
  private static final int CLIENTS = 300;
  private static final int REQUESTS = 8;
  private static final String CAPPED =
      """
      telemetry:
        interval: 200ms
      sessions:
        - preset: servlet
          max-sessions: 50
          idle-timeout: 10m
          window: 5
      """;

  @ParameterizedTest
  @ValueSource(strings = {"tomcat", "tomcat9", "jetty"})
  void sessionsBeyondTheCapAreInvalidatedLeastRecentlyUsedFirst(String container) {
    JvmResult result = capacityRun(container, CAPPED);
    Map<String, String> out = values(result);

    assertThat(result.exitCode()).as(result.output()).isZero();
    // the container itself holds the cap, and each eviction reached its session listeners
    assertThat(out.get("active")).as(result.output()).isEqualTo("50");
    int created = Integer.parseInt(out.get("created"));
    assertThat(created)
        .as("every client and the returning one got a session")
        .isEqualTo(CLIENTS + 1);
    assertThat(out.get("destroyed")).isEqualTo(Integer.toString(created - 50));
    // the history list the servlet keeps appending to stays within the window at each request
    assertThat(out.get("maxBefore")).isEqualTo("5");
    // the container's default (Tomcat 30 min, Jetty never) is lowered to idle-timeout
    assertThat(out.get("maxInactive")).isEqualTo("600");
    // an evicted client that returns starts afresh: a new session, an empty history
    assertThat(result.stdout()).contains("returning: new=true sameId=false before=0");
    // a session the application makes immortal gets idle-timeout back at the next sweep
    assertThat(out.get("forever")).isEqualTo("-1");
    assertThat(out.get("foreverLater")).isEqualTo("600");
    assertThat(result.agentLines())
        .noneMatch(line -> line.contains("ERROR") || line.contains("fail"));
    // every invalidation is the agent's, counted on the container's rule with its reason
    assertThat(evictions(result, container, "capacity")).isEqualTo(created - 50);
    assertThat(evictions(result, container, "idle")).isZero();
    assertThat(result.events("heapwarden.RuleFailed")).isEmpty();
    assertThat(result.events("heapwarden.TransformFailed")).isEmpty();
  }

  @Test
  void controlWithoutTheAgentEveryClientKeepsItsSessionAndWholeHistory() {
    JvmResult result =
        AgentJvm.forMainClass(SessionsService.class)
            .fixtureLibs(libs("tomcat"))
            .args("tomcat", "capacity", Integer.toString(CLIENTS), Integer.toString(REQUESTS))
            .run(Duration.ofSeconds(120));
    Map<String, String> out = values(result);

    assertThat(out.get("active")).as(result.output()).isEqualTo(Integer.toString(CLIENTS));
    assertThat(out.get("destroyed")).isEqualTo("0");
    assertThat(out.get("maxBefore")).isEqualTo(Integer.toString(REQUESTS - 1));
    assertThat(result.stdout()).contains("returning: new=false sameId=true before=" + REQUESTS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"tomcat", "tomcat9", "jetty"})
  void idleSessionsExpireWithoutAnyFurtherRequest(String container) {
    JvmResult result =
        AgentJvm.forMainClass(SessionsService.class)
            .fixtureLibs(libs(container))
            .withConfig(
                """
                telemetry:
                  interval: 200ms
                sessions:
                  - preset: servlet
                    idle-timeout: 2s
                """)
            .recordJfr()
            .args(container, "idle", "20", "5000")
            .run(Duration.ofSeconds(60));
    Map<String, String> out = values(result);

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(out.get("activeBeforeWait")).as(result.output()).isEqualTo("20");
    assertThat(out.get("active")).as(result.output()).isEqualTo("0");
    assertThat(out.get("destroyed")).isEqualTo("20");
    assertThat(evictions(result, container, "idle")).isEqualTo(20);
    RecordedEvent idle =
        result.events("heapwarden.SessionEvictions").stream()
            .filter(e -> e.getString("reason").equals("idle"))
            .findFirst()
            .orElseThrow();
    assertThat(idle.getString("rule")).isEqualTo(RULES.get(container));
    assertThat(idle.getDuration("maxIdle")).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
  }

  /** The sessions the agent evicted for {@code reason}, as its JFR events count them. */
  private static long evictions(JvmResult result, String container, String reason) {
    return result.events("heapwarden.SessionEvictions").stream()
        .filter(e -> e.getString("rule").equals(RULES.get(container)))
        .filter(e -> e.getString("reason").equals(reason))
        .mapToLong(e -> e.getLong("count"))
        .sum();
  }

  private static JvmResult capacityRun(String container, String config) {
    return AgentJvm.forMainClass(SessionsService.class)
        .fixtureLibs(libs(container))
        .withConfig(config)
        .recordJfr()
        .args(container, "capacity", Integer.toString(CLIENTS), Integer.toString(REQUESTS))
        .run(Duration.ofSeconds(120));
  }

  static String[] libs(String container) {
    return container.equals("jetty")
        ? new String[] {
          "jetty-ee10-servlet.jar",
          "jetty-server.jar",
          "jetty-session.jar",
          "jetty-security.jar",
          "jetty-http.jar",
          "jetty-io.jar",
          "jetty-util.jar",
          "jakarta.servlet-api.jar",
          "slf4j-api-2.jar"
        }
        : container.equals("tomcat9")
            ? new String[] {"tomcat9-embed-core.jar", "tomcat9-annotations-api.jar"}
            : new String[] {"tomcat-embed-core.jar", "tomcat-annotations-api.jar"};
  }

  /** The fixture's {@code key=value} lines. */
  static Map<String, String> values(JvmResult result) {
    Map<String, String> values = new HashMap<>();
    for (String line : result.stdout().lines().toList()) {
      int eq = line.indexOf('=');
      if (eq > 0 && !line.contains(" ")) {
        values.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return values;
  }
}
