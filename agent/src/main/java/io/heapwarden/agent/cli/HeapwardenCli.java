package io.heapwarden.agent.cli;

import io.heapwarden.agent.attach.AttachCommand;
import io.heapwarden.agent.attach.ListCommand;
import io.heapwarden.agent.config.AgentConfig;
import io.heapwarden.agent.config.ConfigLoader;
import io.heapwarden.agent.config.ConfigPrinter;
import io.heapwarden.agent.config.ConfigProblem;
import io.heapwarden.agent.config.ConfigRequest;
import io.heapwarden.agent.config.ConfigResult;
import io.heapwarden.agent.report.JfcCommand;
import io.heapwarden.agent.report.ReportCommand;
import io.heapwarden.agent.report.SuggestCommand;
import io.heapwarden.agent.rules.Kinds;
import io.heapwarden.agent.status.AgentVersion;
import io.heapwarden.agent.status.StatusCommand;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** {@code java -jar heapwarden-agent.jar <command>}: the agent jar's command line. */
public final class HeapwardenCli {
  /** The command did what was asked: the config is valid, help or version was printed. */
  public static final int EXIT_OK = 0;

  /** {@code check} found problems. */
  public static final int EXIT_INVALID = 1;

  /** The command line itself was wrong: no command, an unknown one, missing arguments. */
  public static final int EXIT_USAGE = 2;

  /**
   * {@code check --classpath}: the config is valid, but a rule names a class, field or method that
   * the class path does not have (3 to 6 are {@code report}'s).
   */
  public static final int EXIT_UNRESOLVED = 7;

  static final String VERSION_RESOURCE = AgentVersion.RESOURCE;

  static final String USAGE =
      String.join(
          "\n",
          "Usage: java -jar heapwarden-agent.jar <command> [arguments]",
          "",
          "Commands:",
          "  attach PID|NAME --config FILE",
          "                load the agent into a running JVM (NAME: part of its main class or",
          "                jar; see list) with this config, or reconfigure the agent already",
          "                in it; rewrites the classes it loaded, in batches; exit 1 (invalid",
          "                config), 2 (usage), 3 (no such process or name), 4 (not a JVM),",
          "                5 (cannot attach), 7 (Java too old) or 8 (ambiguous NAME)",
          "  detach PID|NAME",
          "                turn every rule of the agent in a running JVM off (attach again to",
          "                turn them on); exit 6 when it has no active agent, or as attach",
          "  list          the JVMs this user can attach to, with their Java version and",
          "                whether Heapwarden is in them",
          "  check FILE [--classpath JAR_OR_DIR...]",
          "                validate a config file; print the effective configuration",
          "                (exit 0), or each problem on stderr (exit 1); with --classpath,",
          "                also resolve every rule against the application's classes (jars,",
          "                directories, Spring Boot fat jars; none is loaded) and print each",
          "                rule whose class, field or method is missing on stderr (exit 7)",
          "  jfc           print the JFR settings file heapwarden.jfc (for",
          "                -XX:StartFlightRecording:settings=heapwarden.jfc)",
          "  report FILE [--html OUT]",
          "                summarize the Heapwarden events of a JFR recording; with --html,",
          "                write a self-contained page with charts to OUT (replacing it);",
          "                one line on stderr and exit 3 (no such file), 4 (not JFR), 5",
          "                (truncated or damaged), 6 (no Heapwarden events) or 8 (OUT",
          "                cannot be written)",
          "  status PID [--json]",
          "                print what the agent in a running JVM is doing: its rules,",
          "                sizes and counts (the io.heapwarden:type=Agent MBean); one line",
          "                on stderr and exit 2 (bad PID), 3 (no such process), 4 (not a",
          "                JVM), 5 (cannot attach or connect) or 6 (no Heapwarden agent)",
          "  suggest FILE [-o OUT] [-f]",
          "                write a config with one rule per field discovery found growing",
          "                in a JFR recording (to stdout, or OUT; -f overwrites OUT); exit 7",
          "                (no suspects, nothing written), 8 (OUT exists), or 3-6 as report",
          "",
          "Options:",
          "  -h, --help    print this help",
          "  --version     print the version",
          "",
          "As an agent: java -javaagent:heapwarden-agent.jar=config=heapwarden.yaml -jar"
              + " service.jar",
          "Into a running JVM: attach above, or jcmd PID JVMTI.agent_load"
              + " /path/heapwarden-agent.jar /path/heapwarden.yaml (docs/attach.md)",
          "The configuration format is described in docs/configuration.md.",
          "");

  private HeapwardenCli() {}

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args) {
    return run(args, System.out, System.err);
  }

  /** Runs one command; returns the exit status. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.print(USAGE);
      return EXIT_USAGE;
    }
    switch (args[0]) {
      case "-h":
      case "--help":
        out.print(USAGE);
        return EXIT_OK;
      case "--version":
        out.println("heapwarden " + version());
        return EXIT_OK;
      case "check":
        return check(args, out, err);
      case "attach":
        return AttachCommand.attach(Arrays.copyOfRange(args, 1, args.length), out, err);
      case "detach":
        return AttachCommand.detach(Arrays.copyOfRange(args, 1, args.length), out, err);
      case "list":
        return ListCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
      case "jfc":
        return args.length == 1 ? JfcCommand.run(out, err) : usage("jfc takes no arguments", err);
      case "report":
        return report(args, out, err);
      case "status":
        return StatusCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
      case "suggest":
        return SuggestCommand.run(Arrays.copyOfRange(args, 1, args.length), out, err);
      default:
        err.println("heapwarden: unknown command '" + args[0] + "'");
        err.print(USAGE);
        return EXIT_USAGE;
    }
  }

  /** {@code report FILE}, or {@code report FILE --html OUT} (the option before FILE as well). */
  private static int report(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 2) {
      return ReportCommand.run(args[1], out, err);
    }
    if (args.length == 4 && args[2].equals("--html")) {
      return ReportCommand.runHtml(args[1], args[3], out, err);
    }
    if (args.length == 4 && args[1].equals("--html")) {
      return ReportCommand.runHtml(args[3], args[2], out, err);
    }
    return usage(
        "report expects FILE or FILE --html OUT, got " + (args.length - 1) + " arguments", err);
  }

  private static int usage(String problem, PrintStream err) {
    err.println("heapwarden " + problem);
    err.print(USAGE);
    return EXIT_USAGE;
  }

  private static int check(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 2 && (args[1].equals("-h") || args[1].equals("--help"))) {
      out.print(USAGE);
      return EXIT_OK;
    }
    List<String> classpath = null;
    if (args.length > 2 && (args[2].equals("--classpath") || args[2].equals("-cp"))) {
      classpath = List.of(args).subList(3, args.length);
    } else if (args.length != 2) {
      err.println("heapwarden check: expected one FILE, got " + (args.length - 1) + " arguments");
      err.print(USAGE);
      return EXIT_USAGE;
    }
    List<Path> entries = null;
    if (classpath != null) {
      entries = ClasspathReport.entries(classpath, err);
      if (entries == null) {
        return EXIT_USAGE;
      }
    }
    String name = args[1];
    Path file;
    try {
      file = Path.of(name);
    } catch (InvalidPathException badPath) {
      err.println(name + ": is not a valid path: " + badPath.getReason());
      return EXIT_INVALID;
    }
    ConfigResult result =
        ConfigLoader.load(new ConfigRequest(Kinds.schema(), file, name, Map.of(), List.of()));
    if (result instanceof ConfigResult.Invalid) {
      for (ConfigProblem problem : ((ConfigResult.Invalid) result).problems()) {
        err.println(problem.format());
      }
      return EXIT_INVALID;
    }
    AgentConfig config = ((ConfigResult.Valid) result).config();
    out.println("OK " + name);
    out.println("# effective configuration: defaults filled in, overrides not applied");
    out.print(ConfigPrinter.toYaml(Kinds.schema(), config));
    return entries == null ? EXIT_OK : ClasspathReport.run(config, entries, out, err);
  }

  /** The version from the jar's version.properties, or {@code unknown}. */
  static String version() {
    return AgentVersion.read();
  }
}
