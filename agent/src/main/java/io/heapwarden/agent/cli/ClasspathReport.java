package io.heapwarden.agent.cli;

import io.heapwarden.agent.config.AgentConfig;
import io.heapwarden.agent.resolve.ClasspathCheck;
import io.heapwarden.agent.resolve.RuleProblem;
import io.heapwarden.agent.resolve.RuleTarget;
import io.heapwarden.agent.rules.RuleTargets;
import java.io.File;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code check FILE --classpath ENTRY...}: a valid config's rules resolved against the
 * application's class files (see {@link ClasspathCheck}); each rule that would do nothing on stderr
 * with its place in the file, exit {@link HeapwardenCli#EXIT_UNRESOLVED} if any.
 */
final class ClasspathReport {
  private ClasspathReport() {}

  /**
   * The entries as paths: each argument may itself be a class path ({@code a.jar:classes}). Null,
   * with the reason on {@code err}, when one is not there.
   */
  static @Nullable List<Path> entries(List<String> arguments, PrintStream err) {
    List<Path> entries = new ArrayList<>();
    for (String argument : arguments) {
      for (String part : argument.split(File.pathSeparator, -1)) {
        if (part.isEmpty()) {
          continue;
        }
        Path entry;
        try {
          entry = Path.of(part);
        } catch (InvalidPathException badPath) {
          err.println("heapwarden check: --classpath " + part + ": " + badPath.getReason());
          return null;
        }
        if (!Files.exists(entry)) {
          err.println("heapwarden check: --classpath " + part + ": no such file or directory");
          return null;
        }
        entries.add(entry);
      }
    }
    if (entries.isEmpty()) {
      err.println("heapwarden check: --classpath expects a jar or directory");
      return null;
    }
    return entries;
  }

  /** Resolves {@code config}'s rules against {@code entries}; returns the exit status. */
  static int run(AgentConfig config, List<Path> entries, PrintStream out, PrintStream err) {
    List<RuleTarget> targets = RuleTargets.of(config);
    ClasspathCheck.Outcome outcome = ClasspathCheck.run(targets, entries);
    for (String unreadable : outcome.unreadable()) {
      err.println("heapwarden check: cannot read " + unreadable);
    }
    for (RuleProblem problem : outcome.problems()) {
      err.println(problem.format());
    }
    int resolved = targets.size() - outcome.problems().size();
    out.println(
        "# classpath: "
            + resolved
            + " of "
            + targets.size()
            + " rule targets resolved against "
            + outcome.classes()
            + " classes in "
            + entries.size()
            + (entries.size() == 1 ? " entry" : " entries"));
    return outcome.problems().isEmpty() ? HeapwardenCli.EXIT_OK : HeapwardenCli.EXIT_UNRESOLVED;
  }
}
