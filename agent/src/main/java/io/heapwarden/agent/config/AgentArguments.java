package io.heapwarden.agent.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The agent argument ({@code -javaagent:heapwarden-agent.jar=ARGUMENT}) split into its {@code
 * key=value} pairs: a comma separates them, {@code \,} is a comma inside a value (any other
 * backslash is kept as it is, so Windows paths need no escaping), and each key may be given once. A
 * first argument without {@code =} that ends in {@code .yaml} or {@code .yml} is the config file:
 * the form {@code jcmd PID JVMTI.agent_load heapwarden-agent.jar /path/heapwarden.yaml} passes
 * whole (jcmd's parser splits an unquoted {@code config=...} at its {@code =}).
 */
final class AgentArguments {
  /** One {@code key=value} pair, its value unescaped. */
  record Argument(String name, String value, SourcePosition origin) {}

  private static final String ESCAPED_COMMA = "\\,";
  private static final String CONFIG_KEY = "config";

  private AgentArguments() {}

  /** The pairs in order, without those whose value is empty; problems go to {@code problems}. */
  static List<Argument> parse(String text, List<ConfigProblem> problems) {
    List<Argument> arguments = new ArrayList<>();
    Map<String, String> given = new HashMap<>();
    String previous = null;
    for (String piece : split(text)) {
      String trimmed = piece.trim();
      if (trimmed.isEmpty()) {
        continue;
      }
      int equals = trimmed.indexOf('=');
      if (equals < 0 && arguments.isEmpty() && problems.isEmpty() && isConfigFile(trimmed)) {
        trimmed = CONFIG_KEY + "=" + trimmed;
        equals = CONFIG_KEY.length();
      }
      if (equals <= 0) {
        problems.add(
            new ConfigProblem(
                SourcePosition.of("agent argument '" + unescaped(trimmed) + "'"),
                "",
                "expected key=value",
                previous == null
                    ? "e.g. -javaagent:heapwarden-agent.jar=config=heapwarden.yaml,logging.level=debug"
                    : "a comma separates arguments; write one inside a value as \\,, e.g. "
                        + previous
                        + ESCAPED_COMMA
                        + trimmed));
        continue;
      }
      previous = trimmed;
      String name = trimmed.substring(0, equals).trim();
      String value = unescaped(trimmed.substring(equals + 1)).trim();
      if (value.isEmpty()) {
        continue; // an empty value counts as not set
      }
      SourcePosition origin = SourcePosition.of("agent argument ".concat(name));
      String first = given.putIfAbsent(name, value);
      if (first != null) {
        problems.add(
            new ConfigProblem(
                origin,
                "",
                "is given twice, as " + name + "=" + first + " and " + name + "=" + value,
                "keep one; write a comma inside a value as \\,"));
        continue;
      }
      arguments.add(new Argument(name, value, origin));
    }
    return arguments;
  }

  private static boolean isConfigFile(String argument) {
    String lower = argument.toLowerCase(Locale.ROOT);
    return lower.endsWith(".yaml") || lower.endsWith(".yml");
  }

  /** The text cut at each comma that is not escaped; escapes are kept. */
  private static List<String> split(String text) {
    List<String> pieces = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == ',' && (i == 0 || text.charAt(i - 1) != '\\')) {
        pieces.add(text.substring(start, i));
        start = i + 1;
      }
    }
    pieces.add(text.substring(start));
    return pieces;
  }

  private static String unescaped(String text) {
    return text.replace(ESCAPED_COMMA, ",");
  }
}
