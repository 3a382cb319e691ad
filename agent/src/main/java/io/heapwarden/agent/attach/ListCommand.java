package io.heapwarden.agent.attach;

import com.sun.tools.attach.VirtualMachine;
import io.heapwarden.agent.status.AgentPresence;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * {@code list}: the JVMs this user can attach to (as {@code jcmd -l}), each with its Java version
 * and whether Heapwarden is in it, read from its system properties through the attach API. Reading
 * them starts each JVM's attach listener thread (as {@code jcmd} does); nothing is loaded into it.
 */
public final class ListCommand {
  private static final String ROW = "%-8s %-5s %-10s %s%n";

  private ListCommand() {}

  public static int run(String[] arguments, PrintStream out, PrintStream err) {
    if (arguments.length != 0) {
      err.println("heapwarden list: takes no arguments");
      return AttachFailure.EXIT_USAGE;
    }
    List<RunningJvm> jvms;
    try {
      jvms = JvmTargets.list();
    } catch (LinkageError noAttachModule) {
      err.println("heapwarden list: " + AttachCommand.noAttachApi(noAttachModule));
      return AttachFailure.EXIT_CANNOT_ATTACH;
    }
    out.printf(Locale.ROOT, ROW, "PID", "JAVA", "HEAPWARDEN", "MAIN CLASS OR JAR");
    for (RunningJvm jvm : jvms) {
      String java = "?";
      String heapwarden;
      try {
        Properties properties = properties(jvm.pid());
        java = properties.getProperty("java.specification.version", "?");
        heapwarden = properties.getProperty(AgentPresence.STATE_PROPERTY, "no");
      } catch (Exception unreachable) {
        heapwarden = "? (" + unreachable.getClass().getSimpleName() + ")";
      }
      out.printf(Locale.ROOT, ROW, jvm.pid(), java, heapwarden, jvm.main());
    }
    if (jvms.isEmpty()) {
      out.println("(no JVM of this user accepts an attach)");
    }
    return 0;
  }

  private static Properties properties(long pid) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
    try {
      return vm.getSystemProperties();
    } finally {
      vm.detach();
    }
  }
}
