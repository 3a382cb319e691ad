package io.heapwarden.agent.endpoints;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.heapwarden.bootstrap.threads.PoolThreads;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP server of the agent: the JDK's {@link HttpServer} (nothing added to the service's class
 * path), its handlers on one {@code heapwarden-admin} worker made by the agent's {@link
 * PoolThreads} (a daemon that captures nothing of the service and is replaced if it dies). Started
 * from the agent's own background thread, so that the JDK's dispatcher thread, which inherits it,
 * is a daemon too and never holds the JVM open.
 */
final class AdminServer {
  /** Connections waiting to be accepted; more are refused by the operating system. */
  private static final int BACKLOG = 16;

  /** Requests waiting for the worker; beyond, the dispatcher serves them itself. */
  private static final int QUEUE = 64;

  private final HttpServer server;
  private final ThreadPoolExecutor worker;

  private AdminServer(HttpServer server, ThreadPoolExecutor worker) {
    this.server = server;
    this.worker = worker;
  }

  /** Binds {@code bind:port} (0: any free port), serves {@code handlers} by path, starts. */
  static AdminServer start(String bind, int port, Map<String, HttpHandler> handlers)
      throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getByName(bind), port), BACKLOG);
    for (Map.Entry<String, HttpHandler> handler : handlers.entrySet()) {
      server.createContext(handler.getKey(), handler.getValue());
    }
    PoolThreads threads = new PoolThreads("heapwarden-admin");
    ThreadPoolExecutor worker =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE),
            threads,
            new ThreadPoolExecutor.CallerRunsPolicy());
    threads.serve(worker);
    server.setExecutor(worker);
    server.start();
    return new AdminServer(server, worker);
  }

  /** The port in use (the one chosen when 0 was asked for). */
  int port() {
    return server.getAddress().getPort();
  }

  /** {@code http://address:port}, for the log. */
  String url() {
    InetSocketAddress address = server.getAddress();
    String host = address.getAddress().getHostAddress();
    return "http://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  /** Closes the port and ends the worker (tests: the agent's servers run until the JVM exits). */
  void stop() {
    server.stop(0);
    worker.shutdownNow();
  }

  /** Whether it listens beyond this host. */
  boolean beyondLoopback() {
    return !server.getAddress().getAddress().isLoopbackAddress();
  }
}
