package io.heapwarden.agent.status;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.io.PrintStream;
import java.util.Optional;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * {@code status PID [--json]}: attaches to a running JVM with the JDK's attach API, starts its
 * local JMX agent, reads the {@value StatusMBean#NAME} MBean and prints it. Runs in the {@code java
 * -jar} JVM only: nothing of it loads in a service.
 */
public final class StatusCommand {
  /** The command line is wrong: no PID, one that is not a number, an unknown option. */
  public static final int EXIT_USAGE = 2;

  /** No process has this PID. */
  public static final int EXIT_NO_PROCESS = 3;

  /** The process is not a JVM the attach API can see. */
  public static final int EXIT_NOT_A_JVM = 4;

  /** The JVM refused the attach or its JMX agent could not be reached. */
  public static final int EXIT_CANNOT_CONNECT = 5;

  /** The JVM has no Heapwarden agent (or one with {@code telemetry.mbean: false}). */
  public static final int EXIT_NO_AGENT = 6;

  private static final String PREFIX = "heapwarden status: ";

  private StatusCommand() {}

  /** {@code arguments}: what follows {@code status}; returns the exit status. */
  public static int run(String[] arguments, PrintStream out, PrintStream err) {
    String pidText = null;
    boolean json = false;
    for (String argument : arguments) {
      if (argument.equals("--json")) {
        json = true;
      } else if (argument.startsWith("-") || pidText != null) {
        err.println(PREFIX + "unexpected argument '" + argument + "'; usage: status PID [--json]");
        return EXIT_USAGE;
      } else {
        pidText = argument;
      }
    }
    if (pidText == null) {
      err.println(
          PREFIX
              + "expected the PID of a running JVM (jps lists them); usage: status PID [--json]");
      return EXIT_USAGE;
    }
    long pid;
    try {
      pid = Long.parseLong(pidText);
    } catch (NumberFormatException notANumber) {
      pid = -1;
    }
    if (pid <= 0) {
      err.println(
          PREFIX + "'" + pidText + "' is not a PID (a positive number; jps lists the JVMs)");
      return EXIT_USAGE;
    }
    try {
      StatusSnapshot status = read(pid);
      if (json) {
        StatusPrinter.json(status, out);
      } else {
        StatusPrinter.table(status, out);
      }
      return 0;
    } catch (Unavailable unavailable) {
      err.println(PREFIX + unavailable.getMessage());
      return unavailable.exitCode;
    } catch (LinkageError noAttachModule) {
      err.println(
          PREFIX
              + "this Java runtime has no attach API (module jdk.attach); run the command with a"
              + " JDK's java: "
              + noAttachModule);
      return EXIT_CANNOT_CONNECT;
    }
  }

  // BanJNDI: the RMI address is the one the target's own local JMX agent returned (startLocal-
  // ManagementAgent), and that JVM runs as the same user: it could do anything we could already.
  @SuppressWarnings("BanJNDI")
  private static StatusSnapshot read(long pid) throws Unavailable {
    Optional<ProcessHandle> process = ProcessHandle.of(pid);
    if (process.isEmpty() || !process.get().isAlive()) {
      throw new Unavailable(EXIT_NO_PROCESS, "no process with PID " + pid);
    }
    if (!isVisibleJvm(pid)) {
      String command = process.get().info().command().orElse("unknown command");
      throw new Unavailable(
          EXIT_NOT_A_JVM,
          "process "
              + pid
              + " ("
              + command
              + ") is not a JVM the attach API can see: not Java, or a JVM of another user or"
              + " started with -XX:-UsePerfData");
    }
    String address = managementAddress(pid);
    try (JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address))) {
      StatusSnapshot status = StatusReader.read(connector.getMBeanServerConnection(), pid);
      if (status == null) {
        throw new Unavailable(
            EXIT_NO_AGENT,
            "JVM "
                + pid
                + " has no Heapwarden agent (no MBean "
                + StatusMBean.NAME
                + "); start it with -javaagent:heapwarden-agent.jar=config=heapwarden.yaml or"
                + " attach the agent (VirtualMachine.loadAgent). An agent registers the MBean one"
                + " telemetry.interval after its start (10 s by default), and not with"
                + " telemetry.mbean: false");
      }
      return status;
    } catch (Unavailable unavailable) {
      throw unavailable;
    } catch (Exception failure) {
      throw new Unavailable(
          EXIT_CANNOT_CONNECT,
          "cannot read JVM " + pid + "'s MBeans at " + address + ": " + failure);
    }
  }

  /**
   * Whether the attach API lists {@code pid}. Checked before attaching: on Linux, attaching sends
   * SIGQUIT to the process, which would kill a process that is not a JVM.
   */
  private static boolean isVisibleJvm(long pid) {
    String id = Long.toString(pid);
    for (VirtualMachineDescriptor jvm : VirtualMachine.list()) {
      if (jvm.id().equals(id)) {
        return true;
      }
    }
    return false;
  }

  /** Starts the JVM's local JMX agent (if not running yet) and returns its address. */
  private static String managementAddress(long pid) throws Unavailable {
    VirtualMachine vm;
    try {
      vm = VirtualMachine.attach(Long.toString(pid));
    } catch (Exception refused) {
      throw new Unavailable(EXIT_CANNOT_CONNECT, "cannot attach to JVM " + pid + ": " + refused);
    }
    try {
      return vm.startLocalManagementAgent();
    } catch (Exception failed) {
      throw new Unavailable(
          EXIT_CANNOT_CONNECT, "cannot start JVM " + pid + "'s local JMX agent: " + failed);
    } finally {
      try {
        vm.detach();
      } catch (Exception ignored) {
        // the address is all we needed
      }
    }
  }

  /** Why the status cannot be shown, with the exit status that says so. */
  private static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;
    final int exitCode;

    Unavailable(int exitCode, String message) {
      super(message);
      this.exitCode = exitCode;
    }
  }
}
