package io.heapwarden.agent.endpoints;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.heapwarden.agent.status.AgentStatus;
import io.heapwarden.agent.status.StatusJson;

/** {@code GET /memory-stats}: the status table as JSON, as {@code status PID --json} prints it. */
final class MemoryStatsEndpoint implements HttpHandler {
  private final AgentStatus status;
  private final Runnable beforeRead;

  /**
   * @param beforeRead makes the rules' boot-side classes readable (their sizes), run before each
   *     read
   */
  MemoryStatsEndpoint(AgentStatus status, Runnable beforeRead) {
    this.status = status;
    this.beforeRead = beforeRead;
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      if (Exchanges.readOnly(exchange)) {
        beforeRead.run();
        Exchanges.respond(exchange, 200, Exchanges.JSON, StatusJson.of(status));
      }
    } catch (Throwable failure) {
      Exchanges.failed(exchange, MemoryStatsEndpoint.class, failure);
    }
  }
}
