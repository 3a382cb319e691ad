package io.heapwarden.agent;

import io.heapwarden.agent.config.AgentConfig;
import io.heapwarden.agent.config.ConfigLoader;
import io.heapwarden.agent.config.ConfigProblem;
import io.heapwarden.agent.config.ConfigRequest;
import io.heapwarden.agent.config.ConfigResult;
import io.heapwarden.agent.discover.Discovery;
import io.heapwarden.agent.instrument.ClassRewriter;
import io.heapwarden.agent.instrument.HeapwardenTransformer;
import io.heapwarden.agent.instrument.LoadedClassRetransformer;
import io.heapwarden.agent.log.AgentLog;
import io.heapwarden.agent.resolve.RuleFeedback;
import io.heapwarden.agent.rules.Kinds;
import io.heapwarden.agent.rules.RuleInstaller;
import io.heapwarden.agent.status.AgentPresence;
import io.heapwarden.agent.telemetry.Telemetry;
import io.heapwarden.bootstrap.Signals;
import io.heapwarden.bootstrap.threads.AgentThreads;
import java.lang.instrument.Instrumentation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Activates the agent once the boot-loader classes exist: config, rules, transformer and the memory
 * pressure guard's thread on the premain thread (they must be in place before the service's first
 * class loads, and before its first allocation spike); the guard's JMX pools, telemetry and the
 * config watcher on a background thread. Any failure leaves the service running without the agent.
 */
final class AgentActivation {
  /** The exit status of a JVM stopped by strict mode: EX_CONFIG from sysexits.h. */
  static final int STRICT_EXIT_STATUS = 78;

  /** The agent in force once a start succeeded: what a later attach or detach talks to. */
  private static volatile @Nullable AgentRuntime running;

  private AgentActivation() {}

  /** A later attach to the active agent: reconfigure with its arguments, rules back on. */
  static void attachedAgain(String arguments) {
    AgentRuntime runtime = running;
    try {
      if (runtime != null) {
        runtime.attachedAgain(
            ConfigRequest.locate(
                Kinds.schema(), arguments, systemPropertiesSnapshot(), System.getenv()));
      }
    } catch (Throwable failure) {
      failOpen("the new attach failed; the agent stays as it was", failure);
    }
  }

  /** {@code detach}: every rule off, until the next attach. */
  static void detach() {
    AgentRuntime runtime = running;
    try {
      if (runtime != null) {
        runtime.detach();
      }
    } catch (Throwable failure) {
      failOpen("the detach failed", failure);
    }
  }

  /**
   * Returns {@link HeapwardenAgent#INACTIVE} when the configuration was rejected (nothing was
   * installed, so a later attach may start the agent), {@code ACTIVE} once the transformer is in
   * place, {@code FAILED} when something else went wrong.
   */
  static int activate(
      String arguments, Instrumentation instrumentation, long startedNanos, boolean attached) {
    try {
      ConfigRequest request =
          ConfigRequest.locate(
              Kinds.schema(), arguments, systemPropertiesSnapshot(), System.getenv());
      ConfigResult result = ConfigLoader.load(request);
      if (result instanceof ConfigResult.Invalid invalid) {
        reject(invalid);
        AgentPresence.publish(
            AgentPresence.INACTIVE,
            "configuration rejected: " + invalid.problems().get(0).format());
        return HeapwardenAgent.INACTIVE;
      }
      AgentConfig config = ((ConfigResult.Valid) result).config();
      AgentLog.configure(config.logging());
      Telemetry telemetry = Telemetry.create(config);
      Signals.listen(telemetry);
      RuleInstaller rules = RuleInstaller.install(config);
      ClassRewriter discovery = discoveryRewriter(config);
      RuleFeedback feedback =
          rules.targets().isEmpty() // no rule: no class of the feedback is loaded
              ? null
              : RuleFeedbackTelemetry.feedback(config, telemetry);
      List<ClassRewriter> rewriters = new ArrayList<>();
      if (feedback != null) {
        rewriters.add(feedback); // first: it reads the class file as the JVM gives it
      }
      rewriters.addAll(rules.rewriters(new UnboundableFields(telemetry, feedback)));
      instrumentation.addTransformer(
          new HeapwardenTransformer(rules.targets(), rewriters, telemetry, discovery),
          instrumentation.isRetransformClassesSupported());
      LoadedClassRetransformer loaded =
          attached && instrumentation.isRetransformClassesSupported()
              ? new LoadedClassRetransformer(instrumentation, rules.targets())
              : null;
      AgentRuntime runtime =
          new AgentRuntime(config, rules, telemetry, loaded, feedback, instrumentation);
      runtime.startPressureGuard(config); // the first second of a spike must not outrun it
      // After an attach, on the attaching thread: the command that attached reads the outcome.
      String detail = attached ? alreadyLoaded(runtime) : "started";
      Duration startup = Duration.ofNanos(System.nanoTime() - startedNanos);
      AgentThreads.newThread("heapwarden-init", runtime.backgroundStart(request, startup)).start();
      running = runtime;
      AgentPresence.publish(AgentPresence.ACTIVE, detail);
      return HeapwardenAgent.ACTIVE;
    } catch (Throwable failure) {
      failOpen("the agent failed to start and stays inactive; the service runs unchanged", failure);
      return HeapwardenAgent.FAILED;
    }
  }

  /** The classes loaded before an attach, rewritten; a failure leaves the new classes' rules. */
  private static String alreadyLoaded(AgentRuntime runtime) {
    try {
      return runtime.retransformAlreadyLoaded();
    } catch (Throwable failure) {
      failOpen(
          "attached, but rewriting the classes loaded before failed; they run unchanged", failure);
      return "attached; the classes loaded before could not be rewritten: " + failure;
    }
  }

  /** Discovery's rewriter, or null: not configured (no class of it loaded), or failed (logged). */
  private static @Nullable ClassRewriter discoveryRewriter(AgentConfig config) {
    if (!config.discover().enabled()) {
      return null;
    }
    try {
      return Discovery.rewriter(config.discover());
    } catch (RuntimeException | LinkageError failure) {
      AgentLog.get(AgentActivation.class)
          .error("discovery failed to start and is off; the rules stay in force", failure);
      return null;
    }
  }

  private static void reject(ConfigResult.Invalid invalid) {
    // The first problem shares the ERROR line, so one grep for "[heapwarden] ERROR" shows it.
    String problems =
        invalid.problems().stream().map(ConfigProblem::format).collect(Collectors.joining("\n  "));
    if (invalid.strict()) {
      System.err.println(
          "[heapwarden] ERROR invalid configuration, stopping the JVM (strict: true): " + problems);
      System.exit(STRICT_EXIT_STATUS);
    }
    AgentLog.get(AgentActivation.class)
        .error("invalid configuration, the agent stays inactive: {}", problems);
  }

  private static void failOpen(String what, Throwable failure) {
    try {
      AgentLog.get(AgentActivation.class).error(what, failure);
    } catch (Throwable alsoFailed) {
      System.err.println("[heapwarden] ERROR " + what + ": " + failure);
    }
  }

  private static Map<String, String> systemPropertiesSnapshot() {
    // A loop, not forEach with a lambda: the first lambda in premain costs milliseconds.
    Map<String, String> snapshot = new HashMap<>();
    for (String name : System.getProperties().stringPropertyNames()) {
      snapshot.put(name, System.getProperty(name));
    }
    return snapshot;
  }
}
