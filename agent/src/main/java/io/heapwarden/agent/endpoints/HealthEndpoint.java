package io.heapwarden.agent.endpoints;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.heapwarden.agent.pressure.ProcessMemory;
import io.heapwarden.agent.status.AgentStatus;
import io.heapwarden.agent.telemetry.PressureReadings;
import io.heapwarden.bootstrap.Rule;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code GET /health}: the agent's and the process's memory in one small JSON object. Always 200
 * while the agent answers: {@code status} says {@code DEGRADED} at critical pressure or once a rule
 * was disabled by a failure, but a liveness probe must not restart a service the agent is trimming.
 * -1 stands for a reading that is not available (the guard off, no container limit, not Linux).
 */
final class HealthEndpoint implements HttpHandler {
  private final AgentStatus status;
  private final Supplier<List<Rule>> rules;

  /**
   * @param rules the rule table, read for the disabled rules (the status's own rule list walks
   *     every live collection for its sizes: too much for a probe)
   */
  HealthEndpoint(AgentStatus status, Supplier<List<Rule>> rules) {
    this.status = status;
    this.rules = rules;
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      if (Exchanges.readOnly(exchange)) {
        Exchanges.respond(exchange, 200, Exchanges.JSON, body());
      }
    } catch (Throwable failure) {
      Exchanges.failed(exchange, HealthEndpoint.class, failure);
    }
  }

  String body() {
    Runtime runtime = Runtime.getRuntime();
    String level = status.getPressureLevel();
    int disabled = 0;
    for (Rule rule : rules.get()) {
      disabled += rule.enabled() ? 0 : 1;
    }
    boolean degraded = level.equals("CRITICAL") || disabled > 0;
    return "{\"status\":\""
        + (degraded ? "DEGRADED" : "UP")
        + "\",\"pressureLevel\":\""
        + level
        + "\",\"heapUsed\":"
        + (runtime.totalMemory() - runtime.freeMemory())
        + ",\"heapCommitted\":"
        + runtime.totalMemory()
        + ",\"heapMax\":"
        + runtime.maxMemory()
        + ",\"heapAfterGc\":"
        + PressureReadings.heapAfterGc()
        + ",\"workingSet\":"
        + PressureReadings.workingSet()
        + ",\"limit\":"
        + PressureReadings.limit()
        + ",\"rss\":"
        + ProcessMemory.rss()
        + ",\"boundPercent\":"
        + PressureReadings.boundPercent()
        + ",\"rulesDisabled\":"
        + disabled
        + "}";
  }
}
