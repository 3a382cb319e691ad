package io.heapwarden.agent.endpoints;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.heapwarden.agent.telemetry.prometheus.PrometheusText;

/** {@code GET /metrics}: the agent's meters in Prometheus's text format. */
final class MetricsEndpoint implements HttpHandler {
  private final PrometheusText metrics;

  MetricsEndpoint(PrometheusText metrics) {
    this.metrics = metrics;
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      if (Exchanges.readOnly(exchange)) {
        Exchanges.respond(exchange, 200, PrometheusText.CONTENT_TYPE, metrics.scrape());
      }
    } catch (Throwable failure) {
      Exchanges.failed(exchange, MetricsEndpoint.class, failure);
    }
  }
}
