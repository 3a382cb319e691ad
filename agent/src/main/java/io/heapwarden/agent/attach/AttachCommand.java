package io.heapwarden.agent.attach;

import com.sun.tools.attach.VirtualMachine;
import io.heapwarden.agent.boot.AgentJar;
import io.heapwarden.agent.config.ConfigLoader;
import io.heapwarden.agent.config.ConfigProblem;
import io.heapwarden.agent.config.ConfigRequest;
import io.heapwarden.agent.config.ConfigResult;
import io.heapwarden.agent.rules.Kinds;
import io.heapwarden.agent.status.AgentPresence;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * {@code attach PID|NAME --config FILE} and {@code detach PID|NAME}: loads this jar into a running
 * JVM with the JDK's attach API, as the agent ({@code agentmain}), and prints what the agent did,
 * which it publishes in the JVM's system properties before {@code agentmain} returns ({@link
 * AgentPresence}). Attaching to a JVM whose agent is active reconfigures it; {@code detach} loads
 * it with the argument {@value AgentPresence#DETACH_ARGUMENT}. Runs in the {@code java -jar} JVM
 * only: nothing of it loads in a service.
 */
public final class AttachCommand {
  /** The Java release the agent's classes are compiled for. */
  static final int MINIMUM_JAVA = 17;

  private AttachCommand() {}

  /** {@code arguments}: what follows {@code attach}; returns the exit status. */
  public static int attach(String[] arguments, PrintStream out, PrintStream err) {
    try {
      AttachArguments request = AttachArguments.attach(arguments);
      Path config = checkedConfig(request, err);
      if (config == null) {
        return AttachFailure.EXIT_INVALID_CONFIG;
      }
      long pid = JvmTargets.resolve(request.target(), JvmTargets.list(), me());
      return load(pid, AttachArguments.agentArgument(config), out, err);
    } catch (AttachFailure failure) {
      err.println("heapwarden attach: " + failure.getMessage());
      return failure.exitCode;
    } catch (LinkageError noAttachModule) {
      err.println("heapwarden attach: " + noAttachApi(noAttachModule));
      return AttachFailure.EXIT_CANNOT_ATTACH;
    }
  }

  /** {@code arguments}: what follows {@code detach}; returns the exit status. */
  public static int detach(String[] arguments, PrintStream out, PrintStream err) {
    try {
      AttachArguments request = AttachArguments.detach(arguments);
      long pid = JvmTargets.resolve(request.target(), JvmTargets.list(), me());
      return load(pid, AgentPresence.DETACH_ARGUMENT, out, err);
    } catch (AttachFailure failure) {
      err.println("heapwarden detach: " + failure.getMessage());
      return failure.exitCode;
    } catch (LinkageError noAttachModule) {
      err.println("heapwarden detach: " + noAttachApi(noAttachModule));
      return AttachFailure.EXIT_CANNOT_ATTACH;
    }
  }

  /** The config, checked here first: its problems are shown here, not in the service's log. */
  private static @Nullable Path checkedConfig(AttachArguments request, PrintStream err) {
    Path file = request.config();
    if (file == null) {
      return null;
    }
    ConfigResult result =
        ConfigLoader.load(
            new ConfigRequest(Kinds.schema(), file, file.toString(), Map.of(), List.of()));
    if (result instanceof ConfigResult.Invalid invalid) {
      for (ConfigProblem problem : invalid.problems()) {
        err.println(problem.format());
      }
      err.println("heapwarden attach: the config is invalid; nothing was attached");
      return null;
    }
    return file;
  }

  private static int load(long pid, String agentArgument, PrintStream out, PrintStream err)
      throws AttachFailure {
    boolean detaching = agentArgument.equals(AgentPresence.DETACH_ARGUMENT);
    String jar = agentJar();
    VirtualMachine vm = attachTo(pid);
    try {
      Properties before = vm.getSystemProperties();
      int feature =
          ProcessDiagnosis.featureVersion(before.getProperty("java.specification.version"));
      if (feature >= 0 && feature < MINIMUM_JAVA) {
        throw new AttachFailure(
            AttachFailure.EXIT_JAVA_TOO_OLD,
            "JVM "
                + pid
                + " runs Java "
                + feature
                + "; the agent needs Java "
                + MINIMUM_JAVA
                + " or later");
      }
      String state = before.getProperty(AgentPresence.STATE_PROPERTY);
      if (detaching) {
        String refusal = detachRefusal(pid, state);
        if (refusal != null) {
          throw new AttachFailure(AttachFailure.EXIT_NO_AGENT, refusal);
        }
      } else {
        ProcessFacts facts = ProcessFacts.of(pid, true);
        String note =
            AttachErrors.dynamicLoadingNote(
                pid,
                feature,
                ProcessDiagnosis.hasFlag(facts, "-XX:+EnableDynamicAgentLoading")
                    || ProcessDiagnosis.hasFlag(facts, "-XX:-EnableDynamicAgentLoading"));
        if (note != null && state == null) {
          err.println(note);
        }
      }
      try {
        vm.loadAgent(jar, agentArgument);
      } catch (Exception | LinkageError failed) {
        throw AttachErrors.ofLoad(pid, feature, failed);
      }
      return outcome(pid, vm.getSystemProperties(), out, err);
    } catch (IOException lost) {
      throw new AttachFailure(
          AttachFailure.EXIT_CANNOT_ATTACH, "lost the connection to JVM " + pid + ": " + lost);
    } finally {
      try {
        vm.detach();
      } catch (IOException ignored) {
        // the work is done; the JVM closes its end
      }
    }
  }

  /** Why there is nothing to detach, or null. */
  private static @Nullable String detachRefusal(long pid, @Nullable String state) {
    if (state == null) {
      return "JVM " + pid + " has no Heapwarden agent; nothing to detach";
    }
    if (state.equals(AgentPresence.INACTIVE) || state.equals(AgentPresence.FAILED)) {
      return "the Heapwarden agent in JVM " + pid + " is " + state + "; nothing to detach";
    }
    return null;
  }

  /** What the agent published: printed, and its exit status. */
  private static int outcome(long pid, Properties after, PrintStream out, PrintStream err) {
    String state = after.getProperty(AgentPresence.STATE_PROPERTY, "absent");
    String detail = after.getProperty(AgentPresence.DETAIL_PROPERTY, "");
    switch (state) {
      case AgentPresence.ACTIVE:
      case AgentPresence.DETACHED:
        if (detail.startsWith("configuration rejected")) {
          err.println("heapwarden: JVM " + pid + ": " + detail);
          return AttachFailure.EXIT_INVALID_CONFIG;
        }
        out.println("heapwarden: JVM " + pid + ": " + detail);
        return 0;
      case AgentPresence.INACTIVE:
        err.println("heapwarden: JVM " + pid + ": the agent stays inactive: " + detail);
        return AttachFailure.EXIT_INVALID_CONFIG;
      default:
        err.println(
            "heapwarden: JVM "
                + pid
                + ": the agent did not start ("
                + state
                + (detail.isEmpty() ? "" : ": " + detail)
                + "); the service's stderr says why");
        return AttachFailure.EXIT_CANNOT_ATTACH;
    }
  }

  private static VirtualMachine attachTo(long pid) throws AttachFailure {
    try {
      return VirtualMachine.attach(Long.toString(pid));
    } catch (Exception refused) {
      throw AttachErrors.ofAttach(pid, refused);
    }
  }

  private static String agentJar() throws AttachFailure {
    try {
      return AgentJar.path().toString();
    } catch (IOException | RuntimeException unknown) {
      throw new AttachFailure(
          AttachFailure.EXIT_USAGE,
          "cannot tell which jar this command runs from; run it as java -jar heapwarden-agent.jar"
              + " ("
              + unknown.getMessage()
              + ")");
    }
  }

  static String me() {
    return System.getProperty("user.name", "");
  }

  static String noAttachApi(LinkageError missing) {
    return "this Java runtime has no attach API (module jdk.attach); run the command with a JDK's"
        + " java: "
        + missing;
  }
}
