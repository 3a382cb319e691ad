package io.heapwarden.agent.endpoints;

import com.sun.net.httpserver.HttpExchange;
import io.heapwarden.agent.log.AgentLog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writing an answer, the same way for every endpoint. */
final class Exchanges {
  static final String JSON = "application/json; charset=utf-8";
  static final String TEXT = "text/plain; charset=utf-8";

  private Exchanges() {}

  /** Answers with {@code body}; a client gone meanwhile is not the agent's failure. */
  static void respond(HttpExchange exchange, int status, String contentType, String body) {
    try (exchange) {
      drain(exchange.getRequestBody());
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", contentType);
      exchange.getResponseHeaders().set("Cache-Control", "no-store");
      boolean head = exchange.getRequestMethod().equals("HEAD");
      exchange.sendResponseHeaders(status, head ? -1 : bytes.length == 0 ? -1 : bytes.length);
      if (!head && bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (IOException gone) {
      // the client closed the connection: nothing to answer
    }
  }

  /** A refusal: a small JSON object with the reason. */
  static void refuse(HttpExchange exchange, int status, String message) {
    respond(exchange, status, JSON, "{\"error\":\"" + message.replace("\"", "'") + "\"}");
  }

  /**
   * Whether the path is the endpoint's own: a server context also matches longer paths ({@code
   * /health/x}), which are answered 404 here.
   */
  static boolean exactPath(HttpExchange exchange) {
    if (exchange.getRequestURI().getPath().equals(exchange.getHttpContext().getPath())) {
      return true;
    }
    refuse(exchange, 404, "no such endpoint");
    return false;
  }

  /** {@code GET} (and {@code HEAD}) on the endpoint's path only: else 404 or 405, answered here. */
  static boolean readOnly(HttpExchange exchange) {
    if (!exactPath(exchange)) {
      return false;
    }
    String method = exchange.getRequestMethod();
    if (method.equals("GET") || method.equals("HEAD")) {
      return true;
    }
    exchange.getResponseHeaders().set("Allow", "GET, HEAD");
    refuse(exchange, 405, "use GET");
    return false;
  }

  /** A handler's own failure: 500, logged (rate-limited), never thrown into the server. */
  static void failed(HttpExchange exchange, Class<?> endpoint, Throwable failure) {
    try {
      AgentLog.get(endpoint)
          .warn(
              "{} {} failed",
              exchange.getRequestMethod(),
              exchange.getRequestURI().getPath(),
              failure instanceof OutOfMemoryError ? null : failure);
      refuse(exchange, 500, "the agent failed to answer; see its log");
    } catch (Throwable alsoFailed) {
      exchange.close();
    }
  }

  /** Reads and drops a request body (up to 64 KiB), so that the connection can be reused. */
  private static void drain(InputStream body) throws IOException {
    byte[] buffer = new byte[1024];
    int total = 0;
    for (int n = body.read(buffer); n > 0 && total < 65_536; n = body.read(buffer)) {
      total += n;
    }
  }
}
