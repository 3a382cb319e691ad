package io.heapwarden.examples.chat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * Drives a chat-service on the loopback interface: {@code --requests} chat messages over {@code
 * --sessions} conversations (a few long ones, many short ones), while {@code --clients} clients
 * come, poll their events a few times and leave without unsubscribing.
 *
 * <p>Prints progress every few seconds and ends with one summary line:
 *
 * <pre>
 * load: requests=20000 ok=20000 failed=0 seconds=18.2 p50_ms=3 p99_ms=40 polls=6000 service=up
 * </pre>
 *
 * Exits 0 when every chat request was answered, 1 otherwise: as soon as the service refuses
 * connections (it died), or when {@code --max-seconds} is up.
 */
public final class LoadDriver {
  private static final int POLLS_PER_CLIENT = 3;
  private static final int REQUESTS_BETWEEN_POLLS = 50;
  private static final double POPULAR_SHARE = 0.15;

  private static final String[] POPULAR = {
    "How do I reset my password?",
    "Why was I charged twice this month?",
    "How can I export my data?",
    "Can I share a project with someone outside my team?",
    "The app is slow today, is there an outage?",
    "How do I enable two-factor authentication?",
    "Where do I find my invoices?",
    "How do I delete my account?",
    "Why can't I log in on my phone?",
    "How do I change my plan?",
  };
  private static final String[] TOPICS = {
    "the export", "my invoice", "the mobile app", "shared links", "two-factor login",
    "the API token", "team permissions", "the sync", "my workspace", "notifications",
  };
  private static final String[] ASKS = {
    "Why does %s fail when I %s?",
    "Is it possible to change %s so that I can %s?",
    "What happens to %s if I %s?",
    "I keep getting an error with %s when I try to %s, any idea?",
  };
  private static final String[] ACTIONS = {
    "switch accounts", "work offline", "invite a guest", "rename the project", "upgrade",
    "use a VPN", "open it in a second tab", "restore a backup", "change my email", "log out",
  };

  private final Options options;
  private final HttpClient http;
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong polls = new AtomicLong();
  private final AtomicBoolean serviceDown = new AtomicBoolean();
  private final AtomicBoolean timeUp = new AtomicBoolean();
  private final long[] latencyNanos;
  private volatile @Nullable String lastFailure;
  private volatile @Nullable String downCause;

  private LoadDriver(Options options) {
    this.options = options;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    this.latencyNanos = new long[options.requests];
    Arrays.fill(latencyNanos, -1);
  }

  public static void main(String[] args) throws InterruptedException {
    Options options = Options.parse(args);
    boolean allAnswered = new LoadDriver(options).run();
    System.exit(allAnswered ? 0 : 1);
  }

  private boolean run() throws InterruptedException {
    System.out.printf(
        Locale.ROOT,
        "load: port=%d requests=%d sessions=%d clients=%d threads=%d max_seconds=%d%n",
        options.port,
        options.requests,
        options.sessions,
        options.clients,
        options.threads,
        options.maxSeconds);
    long start = System.nanoTime();
    ScheduledExecutorService progress =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "load-progress");
              thread.setDaemon(true);
              return thread;
            });
    ScheduledFuture<?> unusedProgress =
        progress.scheduleAtFixedRate(() -> printProgress(start), 5, 5, TimeUnit.SECONDS);
    ScheduledFuture<?> unusedDeadline =
        progress.schedule(() -> timeUp.set(true), options.maxSeconds, TimeUnit.SECONDS);

    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < options.threads; t++) {
      Thread worker = new Thread(this::work, "load-" + t);
      worker.start();
      workers.add(worker);
    }
    for (Thread worker : workers) {
      worker.join();
    }
    progress.shutdownNow();

    double seconds = (System.nanoTime() - start) / 1e9;
    if (serviceDown.get()) {
      System.out.println("load: stopped: the service refuses connections (" + downCause + ")");
    } else if (timeUp.get()) {
      System.out.println("load: stopped: --max-seconds " + options.maxSeconds + " is up");
    }
    if (lastFailure != null) {
      System.out.println("load: last failure: " + lastFailure);
    }
    long sent = Math.min(next.get(), options.requests);
    System.out.printf(
        Locale.ROOT,
        "load: requests=%d ok=%d failed=%d seconds=%.1f p50_ms=%s p99_ms=%s polls=%d service=%s%n",
        sent,
        ok.get(),
        sent - ok.get(),
        seconds,
        percentileMillis(0.50),
        percentileMillis(0.99),
        polls.get(),
        serviceDown.get() ? "down" : "up");
    return ok.get() == options.requests;
  }

  private void work() {
    while (!serviceDown.get() && !timeUp.get()) {
      int i = next.getAndIncrement();
      if (i >= options.requests) {
        return;
      }
      pollClientsDueAt(i);
      chat(i);
    }
  }

  private void chat(int i) {
    SplittableRandom random = new SplittableRandom(0x5EED_0000L + i);
    double u = random.nextDouble();
    // u^2 piles requests onto the low session numbers: a few long conversations, many short ones.
    String session = "session-" + (int) (options.sessions * u * u);
    String message = message(i, random);
    long begin = System.nanoTime();
    if (get("/chat?session=" + encode(session) + "&message=" + encode(message))) {
      latencyNanos[i] = System.nanoTime() - begin;
      ok.incrementAndGet();
    } else {
      failed.incrementAndGet();
    }
  }

  private static String message(int i, SplittableRandom random) {
    if (random.nextDouble() < POPULAR_SHARE) {
      return POPULAR[random.nextInt(POPULAR.length)];
    }
    String ask = ASKS[random.nextInt(ASKS.length)];
    String topic = TOPICS[random.nextInt(TOPICS.length)];
    String action = ACTIONS[random.nextInt(ACTIONS.length)];
    return "[ticket " + i + "] " + String.format(Locale.ROOT, ask, topic, action);
  }

  /**
   * Client j arrives at request j * requests / clients and polls then, and twice more {@value
   * #REQUESTS_BETWEEN_POLLS} requests apart; then it leaves without a word.
   */
  private void pollClientsDueAt(int i) {
    for (int p = 0; p < POLLS_PER_CLIENT; p++) {
      long arrival = i - (long) p * REQUESTS_BETWEEN_POLLS;
      if (arrival < 0) {
        break;
      }
      long first = ceilDiv(arrival * options.clients, options.requests);
      long last =
          Math.min(ceilDiv((arrival + 1) * options.clients, options.requests), options.clients);
      for (long client = first; client < last && !serviceDown.get(); client++) {
        if (get("/events?client=client-" + client)) {
          polls.incrementAndGet();
        }
      }
    }
  }

  /** GETs {@code pathAndQuery}; true when answered 200. */
  private boolean get(String pathAndQuery) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + options.port + pathAndQuery))
            .timeout(Duration.ofSeconds(30))
            .GET()
            .build();
    try {
      HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
      if (response.statusCode() == 200) {
        return true;
      }
      lastFailure = "HTTP " + response.statusCode();
    } catch (ConnectException e) {
      if (serviceDown.compareAndSet(false, true)) {
        downCause = e.toString();
      }
    } catch (IOException e) {
      lastFailure = e.toString();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lastFailure = e.toString();
      timeUp.set(true);
    }
    return false;
  }

  private void printProgress(long start) {
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "load: progress at %.0fs: ok=%d failed=%d polls=%d (%.0f requests/s)%n",
        seconds,
        ok.get(),
        failed.get(),
        polls.get(),
        ok.get() / seconds);
  }

  private String percentileMillis(double quantile) {
    long[] answered = Arrays.stream(latencyNanos).filter(n -> n >= 0).sorted().toArray();
    if (answered.length == 0) {
      return "n/a";
    }
    int index = (int) Math.ceil(quantile * answered.length) - 1;
    return Long.toString(answered[Math.max(0, index)] / 1_000_000);
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private record Options(
      int port, int requests, int sessions, int clients, int threads, int maxSeconds) {

    @SuppressWarnings("IncrementInForLoopAndHeader") // an option's value is consumed with it
    static Options parse(String[] args) {
      int port = 8080;
      int requests = 20_000;
      int sessions = 3_000;
      int clients = 20_000;
      int threads = 8;
      int maxSeconds = 300;
      for (int i = 0; i < args.length; i++) {
        String value = i + 1 < args.length ? args[i + 1] : null;
        switch (args[i]) {
          case "--port" -> port = positive(args[i], value, true);
          case "--requests" -> requests = positive(args[i], value, false);
          case "--sessions" -> sessions = positive(args[i], value, false);
          case "--clients" -> clients = positive(args[i], value, true);
          case "--threads" -> threads = positive(args[i], value, false);
          case "--max-seconds" -> maxSeconds = positive(args[i], value, false);
          default -> usage("unknown option " + args[i]);
        }
        i++;
      }
      return new Options(port, requests, sessions, clients, threads, maxSeconds);
    }

    private static int positive(String option, @Nullable String value, boolean zeroAllowed) {
      try {
        int n = Integer.parseInt(value);
        if (n > 0 || (zeroAllowed && n == 0)) {
          return n;
        }
      } catch (NumberFormatException e) {
        // fall through to usage
      }
      usage(option + " needs a " + (zeroAllowed ? "non-negative" : "positive") + " number");
      return 0;
    }

    private static void usage(String problem) {
      System.err.println("load: " + problem);
      System.err.println(
          "usage: LoadDriver [--port N] [--requests R] [--sessions S] [--clients C]"
              + " [--threads T] [--max-seconds M]");
      System.exit(2);
    }
  }
}
