package io.heapwarden.agent.endpoints;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.heapwarden.agent.log.AgentLog;
import io.heapwarden.agent.pressure.CleanupResult;
import java.util.concurrent.Callable;

/**
 * {@code POST /cleanup}: a trim and a collection now, once {@link CleanupGate} lets the request
 * through. A refusal is logged with the caller's address and the reason, never with what the caller
 * sent.
 */
final class CleanupEndpoint implements HttpHandler {
  private final CleanupGate gate;
  private final Callable<CleanupResult> cleanup;

  CleanupEndpoint(CleanupGate gate, Callable<CleanupResult> cleanup) {
    this.gate = gate;
    this.cleanup = cleanup;
  }

  @Override
  public void handle(HttpExchange exchange) {
    try {
      if (!Exchanges.exactPath(exchange)) {
        return;
      }
      CleanupGate.Decision decision =
          gate.decide(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getRawQuery(),
              exchange.getRequestHeaders().getFirst("Authorization"));
      if (!decision.ok()) {
        refuse(exchange, decision);
        return;
      }
      CleanupResult result = cleanup.call();
      AgentLog.get(CleanupEndpoint.class)
          .info(
              "POST /cleanup from {}: trimmed {} collections and {} session stores ({} entries),"
                  + " collected the heap from {} to {} MiB",
              exchange.getRemoteAddress().getAddress().getHostAddress(),
              result.collections(),
              result.sessions(),
              result.dropped(),
              result.heapBefore() >> 20,
              result.heapAfter() >> 20);
      Exchanges.respond(exchange, 200, Exchanges.JSON, json(result));
    } catch (Throwable failure) {
      Exchanges.failed(exchange, CleanupEndpoint.class, failure);
    }
  }

  private static void refuse(HttpExchange exchange, CleanupGate.Decision decision) {
    if (decision.status() == 405) {
      exchange.getResponseHeaders().set("Allow", "POST");
    }
    if (decision.status() == 401) {
      exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"heapwarden\"");
    }
    if (decision.retryAfterSeconds() > 0) {
      exchange.getResponseHeaders().set("Retry-After", Long.toString(decision.retryAfterSeconds()));
    }
    AgentLog.get(CleanupEndpoint.class)
        .warn(
            "refused {} /cleanup from {}: {} {}",
            exchange.getRequestMethod(),
            exchange.getRemoteAddress().getAddress().getHostAddress(),
            decision.status(),
            decision.message());
    Exchanges.refuse(exchange, decision.status(), decision.message());
  }

  static String json(CleanupResult result) {
    return "{\"boundPercent\":"
        + result.boundPercent()
        + ",\"collectionsTrimmed\":"
        + result.collections()
        + ",\"sessionStoresTrimmed\":"
        + result.sessions()
        + ",\"entriesDropped\":"
        + result.dropped()
        + ",\"collectionsDeferred\":"
        + result.deferred()
        + ",\"gc\":\""
        + result.mechanism()
        + "\",\"heapBefore\":"
        + result.heapBefore()
        + ",\"heapAfter\":"
        + result.heapAfter()
        + ",\"rssBefore\":"
        + result.rssBefore()
        + ",\"rssAfter\":"
        + result.rssAfter()
        + ",\"durationMillis\":"
        + result.durationNanos() / 1_000_000
        + ",\"nativeTrim\":\""
        + result.nativeTrim().replace("\"", "'").replace("\n", " ")
        + "\"}";
  }
}
