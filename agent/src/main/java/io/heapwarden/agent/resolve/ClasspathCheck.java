package io.heapwarden.agent.resolve;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code check --classpath}: resolves every rule against an application's class files without
 * loading any of its classes, and gives the same problems the agent reports at run time, plus a
 * class that is not there at all (with the closest name of its package).
 */
public final class ClasspathCheck {
  private ClasspathCheck() {}

  /**
   * What the check found.
   *
   * @param problems the rules that would do nothing, in config order
   * @param classes how many classes the class path holds
   * @param unreadable entries (or nested jars) that could not be read, each with why
   */
  public record Outcome(List<RuleProblem> problems, int classes, List<String> unreadable) {
    public Outcome {
      problems = List.copyOf(problems);
      unreadable = List.copyOf(unreadable);
    }
  }

  /** Checks {@code targets} against the classes in {@code entries} (directories and jars). */
  public static Outcome run(List<RuleTarget> targets, List<Path> entries) {
    Set<String> wanted = new HashSet<>();
    for (RuleTarget target : targets) {
      wanted.add(target.internalName());
    }
    ClassPathScan scan = ClassPathScan.of(entries, wanted);
    List<RuleProblem> problems = new ArrayList<>();
    for (RuleTarget target : targets) {
      byte[] classFile = scan.classFile(target.internalName());
      if (classFile == null) {
        if (!target.fromPreset()) { // a preset names libraries the application may not use
          problems.add(RuleCheck.missingClass(target, scan.classNames(), "the class path"));
        }
        continue;
      }
      RuleProblem problem;
      try {
        problem = RuleCheck.check(target, ClassShape.of(classFile));
      } catch (RuntimeException malformed) {
        problem =
            new RuleProblem(
                target,
                "the class file of " + target.className() + " cannot be read: " + malformed,
                "check that the class path holds the application's compiled classes");
      }
      if (problem != null) {
        problems.add(problem);
      }
    }
    return new Outcome(problems, scan.classNames().size(), scan.unreadable());
  }
}
