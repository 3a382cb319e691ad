package io.heapwarden.agent.attach;

import com.sun.tools.attach.VirtualMachine;
import com.sun.tools.attach.VirtualMachineDescriptor;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the JVM a command names: by PID, or by part of its main class or jar. The JVM running this
 * command is never a target.
 */
final class JvmTargets {
  private JvmTargets() {}

  /**
   * The JVMs the attach API lists (those of this user that accept attaching), this one left out.
   */
  static List<RunningJvm> list() {
    long self = ProcessHandle.current().pid();
    List<RunningJvm> jvms = new ArrayList<>();
    for (VirtualMachineDescriptor descriptor : VirtualMachine.list()) {
      long pid;
      try {
        pid = Long.parseLong(descriptor.id());
      } catch (NumberFormatException notAPid) {
        continue;
      }
      // alive: a JVM killed with SIGKILL leaves its perf data file behind for a while
      if (pid != self && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
        jvms.add(new RunningJvm(pid, descriptor.displayName()));
      }
    }
    return jvms;
  }

  /**
   * The PID {@code target} names among {@code running}: a PID (checked against the process table
   * when the attach API does not list it), else the one JVM whose main class or jar contains it.
   */
  static long resolve(String target, List<RunningJvm> running, String me) throws AttachFailure {
    long pid = pidOrZero(target);
    if (pid < 0) {
      throw new AttachFailure(
          AttachFailure.EXIT_USAGE, "'" + target + "' is not a PID (a positive number)");
    }
    if (pid > 0) {
      if (pid == ProcessHandle.current().pid()) {
        throw new AttachFailure(
            AttachFailure.EXIT_USAGE, "PID " + pid + " is this command's own JVM");
      }
      boolean listed = false;
      for (RunningJvm jvm : running) {
        listed |= jvm.pid() == pid;
      }
      ProcessDiagnosis.check(ProcessFacts.of(pid, listed), me);
      return pid;
    }
    return byName(target, running);
  }

  static long byName(String name, List<RunningJvm> running) throws AttachFailure {
    List<RunningJvm> matching = new ArrayList<>();
    for (RunningJvm jvm : running) {
      if (jvm.matches(name)) {
        matching.add(jvm);
      }
    }
    if (matching.size() == 1) {
      return matching.get(0).pid();
    }
    if (matching.isEmpty()) {
      throw new AttachFailure(
          AttachFailure.EXIT_NO_PROCESS,
          "no running JVM of this user has a main class or jar that contains '"
              + name
              + "'; 'java -jar heapwarden-agent.jar list' shows them");
    }
    StringBuilder candidates = new StringBuilder();
    for (RunningJvm jvm : matching) {
      candidates.append("\n  ").append(jvm.pid()).append("  ").append(jvm.main());
    }
    throw new AttachFailure(
        AttachFailure.EXIT_AMBIGUOUS,
        "'"
            + name
            + "' matches "
            + matching.size()
            + " JVMs; name one by its PID or a longer part of its main class or jar:"
            + candidates);
  }

  /** The PID, 0 when {@code target} is a name (not all digits), -1 when it is no valid PID. */
  static long pidOrZero(String target) {
    if (target.isEmpty() || !target.chars().allMatch(Character::isDigit)) {
      return 0;
    }
    try {
      long pid = Long.parseLong(target);
      return pid > 0 ? pid : -1;
    } catch (NumberFormatException tooLong) {
      return -1;
    }
  }
}
