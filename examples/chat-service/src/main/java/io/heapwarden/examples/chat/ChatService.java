package io.heapwarden.examples.chat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small chat backend with the memory leaks of the seeds: a response cache that never evicts,
 * conversation histories that grow forever, event queues of clients that left, and an embedding
 * model built on every request.
 *
 * <pre>
 * GET /chat?session=S&amp;message=M   answer a message in a conversation
 * GET /events?client=C              poll a client's server-sent events
 * GET /health                       memory and leak counters, as JSON
 * </pre>
 */
public final class ChatService {
  static final String MODEL_NAME = "mini-embed-v1";

  private final ResponseCache cache = new ResponseCache();
  private final ConversationStore conversations = new ConversationStore();
  private final EventHub events = new EventHub();
  private final AtomicLong requestsServed = new AtomicLong();
  private final AtomicLong messagesAnswered = new AtomicLong();

  public static void main(String[] args) throws IOException {
    int port = 8080;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--port") && i + 1 < args.length && args[i + 1].matches("\\d{1,5}")) {
        port = Integer.parseInt(args[++i]);
      } else {
        System.err.println("usage: chat-service [--port N]   (0 picks a free port)");
        System.exit(2);
      }
    }
    // Without TCP_NODELAY, keep-alive clients wait out the 40 ms delayed ACK on every response.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    HttpServer server = new ChatService().start(port);
    System.out.println("chat-service listening on port " + server.getAddress().getPort());
  }

  HttpServer start(int port) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(port), 128);
    server.createContext("/chat", handler(this::chat));
    server.createContext("/events", handler(this::events));
    server.createContext("/health", handler(this::health));
    server.setExecutor(Executors.newFixedThreadPool(16));
    server.start();
    return server;
  }

  private Response chat(Map<String, String> query) {
    String session = query.get("session");
    String message = query.get("message");
    if (session == null || session.isBlank() || message == null || message.isBlank()) {
      return Response.badRequest("session and message are required");
    }
    // LEAK: a new model (4 MB, tens of ms) for every request instead of one shared instance.
    EmbeddingModel model = new EmbeddingModel(MODEL_NAME);
    float[] embedding = model.embed(message);

    List<Message> history = conversations.history(session);
    String reply = cache.get(message);
    if (reply == null) {
      reply = Assistant.reply(history, message, embedding);
      cache.put(message, reply);
    }
    conversations.append(session, Message.user(message, embedding));
    conversations.append(session, Message.assistant(reply));

    // The activity feed shows every message and a preview of its reply to every client.
    String sessionJson = Json.quote(session);
    events.publish(
        "message", "{\"session\":" + sessionJson + ",\"text\":" + Json.quote(message) + "}");
    String preview = reply.length() > 80 ? reply.substring(0, 80) : reply;
    events.publish(
        "reply", "{\"session\":" + sessionJson + ",\"preview\":" + Json.quote(preview) + "}");
    messagesAnswered.incrementAndGet();
    return Response.json(
        "{\"session\":"
            + sessionJson
            + ",\"turn\":"
            + (history.size() / 2 + 1)
            + ",\"reply\":"
            + Json.quote(reply)
            + "}");
  }

  private Response events(Map<String, String> query) {
    String client = query.get("client");
    if (client == null || client.isBlank()) {
      return Response.badRequest("client is required");
    }
    StringBuilder body = new StringBuilder();
    for (Event event : events.poll(client)) {
      body.append(event.toSse());
    }
    return new Response(200, "text/event-stream; charset=utf-8", body.toString());
  }

  private Response health(Map<String, String> query) {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long rss = residentSetBytes();
    return Response.json(
        "{\"status\":\"ok\""
            + (",\"heapUsedBytes\":" + heap.getUsed())
            + (",\"heapMaxBytes\":" + heap.getMax())
            + (",\"rssBytes\":" + (rss < 0 ? "null" : Long.toString(rss)))
            + (",\"cacheEntries\":" + cache.size())
            + (",\"sessions\":" + conversations.sessions())
            + (",\"historyMessages\":" + conversations.messages())
            + (",\"clientQueues\":" + events.clients())
            + (",\"pendingEvents\":" + events.pendingEvents())
            + (",\"oldestPendingEventSeconds\":" + events.oldestPendingAge().toSeconds())
            + (",\"modelsBuilt\":" + EmbeddingModel.built())
            + (",\"messagesAnswered\":" + messagesAnswered.get())
            + (",\"requestsServed\":" + requestsServed.get())
            + "}");
  }

  /** VmRSS from /proc/self/status, in bytes; -1 where there is no such file (not Linux). */
  private static long residentSetBytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          String kb = line.substring("VmRSS:".length()).trim().split("\\s+")[0];
          return Long.parseLong(kb) * 1024;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or an unexpected format: report no RSS
    }
    return -1;
  }

  private HttpHandler handler(Endpoint endpoint) {
    return exchange -> {
      try (exchange) {
        Response response;
        if (!exchange.getRequestMethod().equals("GET")) {
          response = new Response(405, "text/plain; charset=utf-8", "GET only\n");
        } else {
          try {
            response = endpoint.handle(parseQuery(exchange.getRequestURI().getRawQuery()));
          } catch (RuntimeException e) {
            response = new Response(500, "text/plain; charset=utf-8", e + "\n");
          }
        }
        send(exchange, response);
        requestsServed.incrementAndGet();
      }
    };
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", response.contentType());
    exchange.sendResponseHeaders(response.status(), body.length == 0 ? -1 : body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  private static Map<String, String> parseQuery(String rawQuery) {
    Map<String, String> query = new HashMap<>();
    if (rawQuery == null) {
      return query;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      query.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return query;
  }

  @FunctionalInterface
  private interface Endpoint {
    Response handle(Map<String, String> query);
  }

  private record Response(int status, String contentType, String body) {
    static Response json(String body) {
      return new Response(200, "application/json", body);
    }

    static Response badRequest(String problem) {
      return new Response(400, "text/plain; charset=utf-8", problem + "\n");
    }
  }
}
