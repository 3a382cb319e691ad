package io.heapwarden.agent.telemetry;

import io.heapwarden.agent.config.TelemetrySettings;
import io.heapwarden.agent.log.LogLevel;
import io.heapwarden.agent.log.LogOutput;
import io.heapwarden.agent.telemetry.jfr.JfrRecorder;
import io.heapwarden.agent.telemetry.jfr.JfrSupport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The JFR sink: started on the telemetry thread (never on the premain thread), and until the first
 * recording runs, a buffer of the incidents reported so far. {@code -XX:StartFlightRecording}
 * starts its recording only after premain, so even {@code AgentStarted} would otherwise be lost.
 * Events flow only while {@code telemetry.jfr} is on.
 */
final class JfrOutput {
  /** Incidents kept until the first recording runs; later ones are counted, not kept. */
  static final int EARLY_INCIDENTS = 64;

  /** How long after {@link #start} early incidents wait for a first recording. */
  static final Duration EARLY_WINDOW = Duration.ofMinutes(1);

  private static final String START_FLIGHT_RECORDING = "StartFlightRecording";
  private static final String[] OPTION_VARIABLES = {
    "JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS"
  };

  /** How often the telemetry thread looks whether JFR was initialised, until it is. */
  static final Duration RECORDER_POLL = Duration.ofSeconds(1);

  private final LogOutput log;
  private final AtomicReference<TelemetrySettings> settings;
  private final TelemetryThread thread;
  private final Runnable atChunkEnd;
  private final @Nullable JfrBackend backend;
  private final @Nullable BooleanSupplier module;
  private final Duration earlyWindow;

  private final Object lock = new Object();

  /** Written under lock; null once the first recording ran, the window passed, or JFR is off. */
  private volatile @Nullable List<Incident> early = new ArrayList<>();

  private int earlyDropped; // guarded by lock
  private volatile @Nullable GuardedSink sink;
  private volatile boolean unavailable;
  private volatile boolean awaitingRecorder; // polling until someone initialises JFR

  /**
   * @param atChunkEnd what JFR runs before it writes a chunk (the tick of the interval in progress)
   * @param backend {@code null} for the real one, {@link JfrSupport}
   * @param module whether the runtime has {@code jdk.jfr}; {@code null} to look in the boot layer
   * @param earlyWindow {@code null} for {@link #EARLY_WINDOW}
   */
  JfrOutput(
      LogOutput log,
      AtomicReference<TelemetrySettings> settings,
      TelemetryThread thread,
      Runnable atChunkEnd,
      @Nullable JfrBackend backend,
      @Nullable BooleanSupplier module,
      @Nullable Duration earlyWindow) {
    this.log = log;
    this.settings = settings;
    this.thread = thread;
    this.atChunkEnd = atChunkEnd;
    this.backend = backend;
    this.module = module;
    this.earlyWindow = earlyWindow != null ? earlyWindow : EARLY_WINDOW;
  }

  /** The settings in force: {@link Telemetry} sets them first and only ever replaces them. */
  private TelemetrySettings settings() {
    return Objects.requireNonNull(settings.get());
  }

  /** Commits {@code incident}, or keeps it until the first recording runs. */
  void incident(Incident incident) {
    if (early != null) {
      synchronized (lock) {
        if (early != null) {
          if (settings().jfr()) {
            if (early.size() < EARLY_INCIDENTS) {
              early.add(incident);
            } else {
              earlyDropped++;
            }
          }
          return; // replayed when the first recording runs
        }
      }
    }
    GuardedSink running = sink;
    if (running != null && settings().jfr()) {
      running.incident(incident);
    }
  }

  void activity(ActivityReport report) {
    if (awaitingRecorder && recorderInitialized()) {
      start(); // a recording began since the last poll: its first interval is not lost
    }
    GuardedSink running = sink;
    if (running != null && settings().jfr()) {
      running.activity(report);
    }
  }

  /** Whether events are being committed. */
  boolean running() {
    return sink != null && settings().jfr();
  }

  /**
   * Starts the JFR sink if the config wants it and the runtime has it. Incidents reported so far
   * are replayed at once if a recording is running, else when the first one starts (within the
   * early window). Logs one INFO line when JFR events are off.
   */
  synchronized void start() {
    if (sink != null) {
      return;
    }
    String off = null;
    if (!settings().jfr()) {
      off = "telemetry.jfr: false";
    } else if (unavailable) {
      return;
    } else if (!modulePresent()) {
      unavailable = true;
      off = "this Java runtime has no jdk.jfr module";
    } else if (!recorderInitialized() && !recordingAtStartup()) {
      awaitRecorder();
      return;
    } else {
      awaitingRecorder = false;
      try {
        JfrBackend started = backend != null ? backend : new JfrSupport();
        TelemetrySink events = started.start(atChunkEnd);
        if (events == null) {
          unavailable = true;
          off = "this JVM has no Flight Recorder";
        } else {
          sink = new GuardedSink("JFR", events, log);
          awaitFirstRecording(started);
        }
      } catch (Throwable failure) {
        unavailable = true;
        sink = null;
        discardEarly();
        log.log(
            LogLevel.WARN,
            "JFR events are off: Flight Recorder failed to start",
            "JFR events are off: Flight Recorder failed to start",
            failure);
        return;
      }
    }
    if (off != null) {
      discardEarly();
      log.log(LogLevel.INFO, "JFR events are off", "JFR events are off (" + off + ")", null);
    }
  }

  /**
   * Until JFR is initialised (by a recording: {@code -XX:StartFlightRecording}, {@code jcmd
   * JFR.start}, JMC), the agent touches nothing of it but one flag: registering its events and a
   * listener would initialise some 300 JFR classes in a service that never records. The telemetry
   * thread looks again every {@link #RECORDER_POLL}, and before each tick's activity.
   */
  private void awaitRecorder() {
    if (awaitingRecorder) {
      return;
    }
    awaitingRecorder = true;
    thread.schedule(
        new Runnable() {
          @Override
          public void run() {
            discardEarly();
          }
        },
        earlyWindow);
    thread.schedule(
        new Runnable() {
          @Override
          public void run() {
            if (!awaitingRecorder || sink != null || !settings().jfr()) {
              awaitingRecorder = false; // started, or switched off (a reload switching on restarts)
              return;
            }
            if (recorderInitialized()) {
              start();
            } else {
              thread.schedule(this, RECORDER_POLL);
            }
          }
        },
        RECORDER_POLL);
  }

  /**
   * Whether the command line starts a recording ({@code -XX:StartFlightRecording}, also through the
   * JVM's options variables): JFR is then initialised right after premain, and a service that exits
   * at once must still find the agent's events in it, so the agent registers them now.
   */
  private boolean recordingAtStartup() {
    if (backend != null) {
      return false; // tests: their backend says whether the recorder is initialised
    }
    for (String variable : OPTION_VARIABLES) {
      String options = System.getenv(variable);
      if (options != null && options.contains(START_FLIGHT_RECORDING)) {
        return true;
      }
    }
    // The command line from the kernel, not ProcessHandle.info(): its first use starts the JDK's
    // process-reaper pool (a thread and some 25 classes).
    String commandLine;
    try {
      commandLine =
          new String(
              Files.readAllBytes(Path.of("/proc/self/cmdline")), StandardCharsets.ISO_8859_1);
    } catch (IOException | RuntimeException unreadable) {
      return true; // cannot tell (not Linux): register now, as the agent always did before
    }
    return commandLine.contains(START_FLIGHT_RECORDING)
        || commandLine.contains("\0@"); // an argument file may hold it
  }

  private boolean recorderInitialized() {
    return backend != null ? backend.recorderInitialized() : JfrRecorder.initialized();
  }

  private void awaitFirstRecording(JfrBackend started) {
    if (early == null) {
      return;
    }
    Runnable replay =
        new Runnable() {
          @Override
          public void run() {
            replayEarly();
          }
        };
    started.onRecordingStarted(
        new Runnable() {
          @Override
          public void run() {
            if (early != null) {
              thread.schedule(replay, Duration.ZERO); // off JFR's thread, after it started
            }
          }
        });
    if (started.recording()) {
      replayEarly();
      return;
    }
    thread.schedule(
        new Runnable() {
          @Override
          public void run() {
            discardEarly();
          }
        },
        earlyWindow);
  }

  /** Commits the incidents kept so far; from then on incidents are committed directly. */
  private void replayEarly() {
    int dropped;
    synchronized (lock) {
      List<Incident> buffered = early;
      if (buffered == null) {
        return;
      }
      early = null;
      dropped = earlyDropped;
      GuardedSink running = sink;
      if (running != null && settings().jfr()) {
        for (Incident incident : buffered) {
          running.incident(incident);
        }
      }
    }
    if (dropped > 0) {
      log.log(
          LogLevel.INFO,
          "incidents before the first JFR recording",
          dropped + " incidents reported before the first JFR recording started are not in it",
          null);
    }
  }

  private void discardEarly() {
    synchronized (lock) {
      early = null;
    }
  }

  private boolean modulePresent() {
    if (module != null) {
      return module.getAsBoolean();
    }
    return ModuleLayer.boot().findModule("jdk.jfr").isPresent();
  }
}
