package io.heapwarden.agent.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class LogOutputTest {
  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final LogOutput output =
      new LogOutput(clock::get, new PrintStream(bytes, true, StandardCharsets.UTF_8));
  private final Logger log = output.logger("test");

  private List<String> lines() {
    String text = bytes.toString(StandardCharsets.UTF_8);
    return text.isEmpty() ? List.of() : Arrays.asList(text.split(System.lineSeparator()));
  }

  private void advanceSeconds(long seconds) {
    clock.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
  }

  @Test
  void writesOnePrefixedLinePerCall() {
    log.info("evicted {} entries from {}", 12, "cache");
    log.warn("plain");
    log.error("three {} {} {}", "a", "b", "c");

    assertThat(lines())
        .containsExactly(
            "[heapwarden] INFO evicted 12 entries from cache",
            "[heapwarden] WARN plain",
            "[heapwarden] ERROR three a b c");
  }

  @Test
  void writesTheStackTraceIndentedAfterTheLine() {
    log.error("start failed", new IllegalStateException("boom"));
    log.warn("with argument {}", "x", new IllegalArgumentException("bad"));

    List<String> lines = lines();
    assertThat(lines.get(0)).isEqualTo("[heapwarden] ERROR start failed");
    assertThat(lines.get(1)).isEqualTo("java.lang.IllegalStateException: boom");
    assertThat(lines.get(2)).startsWith("\tat ");
    assertThat(lines).contains("[heapwarden] WARN with argument x");
    assertThat(lines).contains("java.lang.IllegalArgumentException: bad");
  }

  @Test
  void anOutOfMemoryErrorComesWithoutAStackTrace() {
    log.error("tick failed", new OutOfMemoryError("Java heap space"));

    assertThat(lines())
        .containsExactly(
            "[heapwarden] ERROR tick failed", "java.lang.OutOfMemoryError: Java heap space");
  }

  @Test
  void infoIsTheDefaultLevel() {
    assertThat(output.level()).isEqualTo(LogLevel.INFO);
    assertThat(log.isInfoEnabled()).isTrue();
    assertThat(log.isDebugEnabled()).isFalse();
    assertThat(log.isTraceEnabled()).isFalse();

    log.debug("hidden");
    log.trace("hidden too");
    log.info("shown");

    assertThat(lines()).containsExactly("[heapwarden] INFO shown");
  }

  @Test
  void levelChangesLive() {
    output.configure(new LoggingSettings(LogLevel.DEBUG, 20));
    log.debug("debug now");
    output.configure(new LoggingSettings(LogLevel.ERROR, 20));
    log.warn("not at ERROR");
    log.error("error still");
    output.configure(new LoggingSettings(LogLevel.OFF, 20));
    log.error("nothing at OFF");

    assertThat(lines())
        .containsExactly("[heapwarden] DEBUG debug now", "[heapwarden] ERROR error still");
    assertThat(log.isErrorEnabled()).isFalse();
  }

  @Test
  void formatsNothingWhenTheLevelIsOff() {
    AtomicInteger formatted = new AtomicInteger();
    Object expensive =
        new Object() {
          @Override
          public String toString() {
            formatted.incrementAndGet();
            return "expensive";
          }
        };

    log.debug("value {}", expensive);
    log.debug("values {} {}", expensive, expensive);
    log.debug("values {} {} {}", expensive, expensive, expensive);

    assertThat(formatted).hasValue(0);
    assertThat(lines()).isEmpty();
  }

  @Test
  void limitsEachTemplateToItsLinesPerMinute() {
    output.configure(new LoggingSettings(LogLevel.INFO, 3));
    for (int i = 0; i < 10; i++) {
      log.info("hot path {}", i);
    }
    log.info("other template");

    assertThat(lines())
        .containsExactly(
            "[heapwarden] INFO hot path 0",
            "[heapwarden] INFO hot path 1",
            "[heapwarden] INFO hot path 2",
            "[heapwarden] INFO other template");
  }

  @Test
  void formatsNothingForASuppressedLine() {
    output.configure(new LoggingSettings(LogLevel.INFO, 1));
    AtomicInteger formatted = new AtomicInteger();
    Object counted =
        new Object() {
          @Override
          public String toString() {
            return "call " + formatted.incrementAndGet();
          }
        };

    log.info("value {}", counted);
    log.info("value {}", counted);
    log.info("value {}", counted);

    assertThat(formatted).hasValue(1);
  }

  @Test
  void reportsSuppressedLinesWhenTheTemplateNextLogsAfterTheWindow() {
    output.configure(new LoggingSettings(LogLevel.INFO, 2));
    for (int i = 0; i < 5; i++) {
      log.warn("retrying {}", i);
    }
    advanceSeconds(59);
    log.warn("retrying {}", 5);
    advanceSeconds(2);
    log.warn("retrying {}", 6);

    assertThat(lines())
        .containsExactly(
            "[heapwarden] WARN retrying 0",
            "[heapwarden] WARN retrying 1",
            "[heapwarden] WARN suppressed 4 similar messages (more than 2 a minute): retrying {}",
            "[heapwarden] WARN retrying 6");
  }

  @Test
  void theWindowRolls() {
    output.configure(new LoggingSettings(LogLevel.INFO, 2));
    log.info("tick {}", "t0");
    advanceSeconds(30);
    log.info("tick {}", "t30");
    advanceSeconds(20);
    log.info("tick {}", "t50 suppressed");
    advanceSeconds(11);
    log.info("tick {}", "t61 allowed, t0 has left the window");
    advanceSeconds(1);
    log.info("tick {}", "t62 suppressed, t30 and t61 are in the window");

    assertThat(lines())
        .containsExactly(
            "[heapwarden] INFO tick t0",
            "[heapwarden] INFO tick t30",
            "[heapwarden] INFO suppressed 1 similar message (more than 2 a minute): tick {}",
            "[heapwarden] INFO tick t61 allowed, t0 has left the window");
  }

  @Test
  void theSummaryTickReportsTemplatesThatWentQuiet() {
    output.configure(new LoggingSettings(LogLevel.INFO, 1));
    log.error("disk {} full", "a");
    log.error("disk {} full", "b");
    log.error("disk {} full", "c");

    advanceSeconds(30);
    output.reportSuppressed();
    assertThat(lines()).hasSize(1); // the window has not passed yet

    advanceSeconds(31);
    output.reportSuppressed();
    output.reportSuppressed();

    assertThat(lines())
        .containsExactly(
            "[heapwarden] ERROR disk a full",
            "[heapwarden] ERROR suppressed 2 similar messages (more than 1 a minute): disk {} full");
  }

  @Test
  void reportsSuppressedLinesAtMostOnceAMinute() {
    output.configure(new LoggingSettings(LogLevel.INFO, 1));
    // One line a second for three minutes: one line and at most one summary per minute.
    for (int second = 0; second < 180; second++) {
      log.info("flood {}", second);
      output.reportSuppressed();
      advanceSeconds(1);
    }

    List<String> lines = lines();
    assertThat(lines.stream().filter(line -> line.contains("suppressed"))).hasSize(2);
    assertThat(lines.stream().filter(line -> line.contains("INFO flood"))).hasSize(3);
  }

  @Test
  void preformattedLinesAreLimitedByTheirKey() {
    output.configure(new LoggingSettings(LogLevel.INFO, 2));
    for (int i = 0; i < 4; i++) {
      output.log(LogLevel.WARN, "could not rewrite {}", "could not rewrite C" + i, null);
    }
    output.log(LogLevel.INFO, "another key", "another key", null);

    assertThat(lines())
        .containsExactly(
            "[heapwarden] WARN could not rewrite C0",
            "[heapwarden] WARN could not rewrite C1",
            "[heapwarden] INFO another key");
  }

  @Test
  void aRateBelowOneMeansOne() {
    output.configure(new LoggingSettings(LogLevel.INFO, 0));
    log.info("x");
    log.info("x");

    assertThat(output.linesPerMinute()).isEqualTo(1);
    assertThat(lines()).containsExactly("[heapwarden] INFO x");
  }

  @Test
  void nullSettingsMeanTheDefaults() {
    output.configure(new LoggingSettings(LogLevel.DEBUG, 5));
    output.configure(null);

    assertThat(output.level()).isEqualTo(LoggingSettings.DEFAULTS.level());
    assertThat(output.linesPerMinute()).isEqualTo(LoggingSettings.DEFAULTS.linesPerMinute());
  }

  @Test
  void tracksABoundedNumberOfTemplates() {
    output.configure(new LoggingSettings(LogLevel.INFO, 1));
    for (int i = 0; i < RateLimiter.MAX_KEYS + 100; i++) {
      log.info("generated template " + i);
    }

    assertThat(output.trackedTemplates()).isEqualTo(RateLimiter.MAX_KEYS);
    // Past the bound, all other templates share one limit of one line a minute.
    assertThat(lines()).hasSize(RateLimiter.MAX_KEYS + 1);
  }

  @Test
  void forgetsIdleTemplates() {
    log.info("once");
    advanceSeconds(61);
    output.reportSuppressed();

    assertThat(output.trackedTemplates()).isZero();
  }

  @Test
  void linesFromManyThreadsStayWhole() throws Exception {
    output.configure(new LoggingSettings(LogLevel.INFO, 10_000));
    int threads = 8;
    int perThread = 200;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread worker =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < perThread; i++) {
                  log.info("thread {} line {}", id, i, new IllegalStateException("x"));
                }
              });
      worker.start();
      workers.add(worker);
    }
    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }

    List<String> heads = lines().stream().filter(l -> l.startsWith("[heapwarden]")).toList();
    assertThat(heads).hasSize(threads * perThread);
    assertThat(heads).allMatch(l -> l.matches("\\[heapwarden] INFO thread \\d line \\d+"));
  }

  @Test
  void theAgentsLoggersStartAtInfo() {
    Logger agentLogger = AgentLog.get(LogOutputTest.class);
    try {
      assertThat(agentLogger.getName()).isEqualTo(LogOutputTest.class.getName());
      assertThat(agentLogger.isInfoEnabled()).isTrue();
      assertThat(agentLogger.isDebugEnabled()).isFalse();

      AgentLog.configure(new LoggingSettings(LogLevel.DEBUG, 20));
      assertThat(agentLogger.isDebugEnabled()).isTrue();
      assertThat(AgentLog.output().level()).isEqualTo(LogLevel.DEBUG);
    } finally {
      AgentLog.configure(LoggingSettings.DEFAULTS);
    }
  }
}
