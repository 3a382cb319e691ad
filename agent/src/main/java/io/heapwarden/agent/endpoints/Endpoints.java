package io.heapwarden.agent.endpoints;

import com.sun.net.httpserver.HttpHandler;
import io.heapwarden.agent.config.AdminSettings;
import io.heapwarden.agent.config.PrometheusSettings;
import io.heapwarden.agent.log.AgentLog;
import io.heapwarden.agent.pressure.CleanupResult;
import io.heapwarden.agent.status.AgentStatus;
import io.heapwarden.agent.telemetry.prometheus.PrometheusText;
import io.heapwarden.bootstrap.Rule;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;

/**
 * The agent's HTTP endpoints: the admin port ({@code admin:}: {@code /health}, {@code
 * /memory-stats}, {@code /cleanup}) and the Prometheus port ({@code telemetry.prometheus:}: {@code
 * /metrics}), one server when both name the same port. Loaded only when one is configured; a port
 * that cannot be bound is logged once and the agent runs on without it.
 */
public final class Endpoints {
  private Endpoints() {}

  /** What the endpoints read and do, provided by the agent's runtime. */
  public record Sources(
      AgentStatus status,
      Supplier<List<Rule>> rules,
      Runnable beforeStatusRead,
      Callable<CleanupResult> cleanup,
      PrometheusText metrics) {}

  /** Starts the configured servers, on the agent's background thread. */
  public static void start(AdminSettings admin, PrometheusSettings prometheus, Sources sources) {
    Logger log = AgentLog.get(Endpoints.class);
    boolean shared =
        admin.enabled()
            && prometheus.enabled()
            && prometheus.port() != 0
            && prometheus.port() == admin.port();
    if (admin.enabled()) {
      Map<String, HttpHandler> handlers = new LinkedHashMap<>();
      handlers.put("/health", new HealthEndpoint(sources.status(), sources.rules()));
      handlers.put(
          "/memory-stats", new MemoryStatsEndpoint(sources.status(), sources.beforeStatusRead()));
      CleanupGate gate = new CleanupGate(admin.token(), admin.cleanupInterval(), System::nanoTime);
      handlers.put("/cleanup", new CleanupEndpoint(gate, sources.cleanup()));
      if (shared) {
        handlers.put("/metrics", new MetricsEndpoint(sources.metrics()));
      }
      AdminServer server = bind(log, "admin", admin.bind(), admin.port(), handlers);
      if (server != null) {
        log.info(
            "admin endpoints on {}: GET /health, GET /memory-stats, POST /cleanup{}{}",
            server.url(),
            gate.configured() ? " (bearer token required)" : " (refused: no admin.token)",
            shared ? ", GET /metrics" : "");
      }
    }
    if (prometheus.enabled() && !shared) {
      Map<String, HttpHandler> handlers = new LinkedHashMap<>();
      handlers.put("/metrics", new MetricsEndpoint(sources.metrics()));
      AdminServer server = bind(log, "Prometheus", prometheus.bind(), prometheus.port(), handlers);
      if (server != null) {
        log.info("Prometheus metrics on {}/metrics", server.url());
      }
    }
  }

  private static @Nullable AdminServer bind(
      Logger log, String what, String address, int port, Map<String, HttpHandler> handlers) {
    try {
      AdminServer server = AdminServer.start(address, port, handlers);
      if (server.beyondLoopback()) {
        log.warn(
            "the {} port {} listens beyond this host: keep it behind a firewall",
            what,
            server.url());
      }
      return server;
    } catch (Throwable failure) { // a port in use, no jdk.httpserver module: the agent goes on
      log.error(
          "the {} port {}:{} could not be opened; the agent runs on without it: {}",
          what,
          address,
          port,
          failure.toString());
      return null;
    }
  }
}
