package io.heapwarden.agent.telemetry;

import io.heapwarden.agent.config.AgentConfig;
import io.heapwarden.agent.config.ConfigProblem;
import io.heapwarden.agent.config.ReloadSettings;
import io.heapwarden.agent.config.SourcePosition;
import io.heapwarden.agent.config.TelemetrySettings;
import io.heapwarden.agent.log.LogOutput;
import io.heapwarden.agent.log.LoggingSettings;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Shared test material: configs, rules, a fake clock, a captured log and a recording sink. */
final class Fixtures {
  private Fixtures() {}

  static AgentConfig config(Duration interval, boolean jfr, boolean micrometer) {
    return new AgentConfig(
        "heapwarden.yaml",
        false,
        LoggingSettings.DEFAULTS,
        new TelemetrySettings(interval, jfr, micrometer, true, Duration.ofMinutes(1)),
        ReloadSettings.DEFAULTS,
        List.of());
  }

  /** Telemetry that never ticks by itself during a test: ticks are called by hand. */
  static AgentConfig manualTicks() {
    return config(Duration.ofHours(1), true, true);
  }

  static Rule collection(int id, String name) {
    return new Rule(id, name, RuleKind.COLLECTION, Rule.noLimits());
  }

  static Rule singleton(int id, String name) {
    return new Rule(id, name, RuleKind.SINGLETON, Rule.noLimits());
  }

  static Rule instance(int id, String name) {
    return new Rule(id, name, RuleKind.INSTANCE, Rule.noLimits());
  }

  static ConfigProblem problem(int line, String key, String message) {
    return new ConfigProblem(new SourcePosition("heapwarden.yaml", line, 3), key, message, null);
  }

  /** A monotonic clock the test moves by hand. */
  static final class Clock {
    private final AtomicLong nanos = new AtomicLong(5_000_000_000L);

    long now() {
      return nanos.get();
    }

    void advance(Duration duration) {
      nanos.addAndGet(duration.toNanos());
    }

    void advanceSeconds(long seconds) {
      nanos.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
    }
  }

  /** A {@link LogOutput} whose lines the test reads. */
  static final class CapturedLog {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final LogOutput output;

    CapturedLog(Clock clock) {
      output = new LogOutput(clock::now, new PrintStream(bytes, true, StandardCharsets.UTF_8));
    }

    List<String> lines() {
      String text = bytes.toString(StandardCharsets.UTF_8);
      return text.isEmpty() ? List.of() : Arrays.asList(text.split(System.lineSeparator()));
    }

    /** Only the {@code [heapwarden]} lines, without stack trace lines. */
    List<String> heads() {
      List<String> heads = new ArrayList<>();
      for (String line : lines()) {
        if (line.startsWith("[heapwarden]")) {
          heads.add(line);
        }
      }
      return heads;
    }
  }

  /** Keeps whatever it is given, with the thread that gave it. */
  static final class RecordingSink implements TelemetrySink {
    final List<Incident> incidents = new CopyOnWriteArrayList<>();
    final List<ActivityReport> reports = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();

    @Override
    public void incident(Incident incident) {
      incidents.add(incident);
      threads.add(Thread.currentThread().getName());
    }

    @Override
    public void activity(ActivityReport report) {
      reports.add(report);
      threads.add(Thread.currentThread().getName());
    }
  }

  /** Stands in for JFR: hands out a sink, and says whether a recording runs. */
  static class FakeJfr implements JfrBackend {
    final TelemetrySink sink;
    volatile boolean recording = true;
    final AtomicInteger starts = new AtomicInteger();
    final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    FakeJfr(TelemetrySink sink) {
      this.sink = sink;
    }

    volatile Runnable atChunkEnd;

    @Override
    public TelemetrySink start(Runnable atChunkEnd) {
      this.atChunkEnd = atChunkEnd;
      starts.incrementAndGet();
      return sink;
    }

    @Override
    public boolean recording() {
      return recording;
    }

    @Override
    public void onRecordingStarted(Runnable callback) {
      listeners.add(callback);
    }

    /** What JFR does when a recording starts. */
    void startRecording() {
      recording = true;
      listeners.forEach(Runnable::run);
    }
  }

  /** Fails at everything. */
  static final class ThrowingSink implements TelemetrySink {
    @Override
    public void incident(Incident incident) {
      throw new IllegalStateException("sink broke on " + incident);
    }

    @Override
    public void activity(ActivityReport report) {
      throw new OutOfMemoryError("sink broke on a tick");
    }
  }
}
