package io.heapwarden.agent.endpoints;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.heapwarden.agent.pressure.ProcessMemory;
import io.heapwarden.agent.status.AgentStatus;
import io.heapwarden.agent.telemetry.PressureReadings;

/**
 * {@code GET /health}: the agent's and the process's memory in one small JSON object. Always 200
 * while the agent answers: {@code status} says {@code DEGRADED} at critical pressure or once a rule
 * was disabled by a failure, but a liveness probe must not restart a service the agent is trimming.
 * -1 stands for a reading that is not available (the guard off, no container limit, not Linux).
 */
final class HealthEndpoint implements HttpHandler {
  private final AgentStatus status;

  HealthEndpoint(AgentStatus status) {
    this.status = status;
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
    boolean active = status.isActive();
    int disabled = 0;
    for (var rule : status.getRules()) {
      disabled += rule.isEnabled() ? 0 : 1;
    }
    boolean degraded = level.equals("CRITICAL") || disabled > 0 || !active;
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
