package io.heapwarden.agent.attach;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The command line of {@code attach TARGET --config FILE} and {@code detach TARGET}: TARGET is a
 * PID or part of a main class or jar name; the config path is made absolute here, since the JVM
 * attached to resolves a relative one against its own working directory.
 */
record AttachArguments(String target, @Nullable Path config) {
  static final String ATTACH_USAGE = "usage: attach PID|NAME --config FILE";
  static final String DETACH_USAGE = "usage: detach PID|NAME";

  /** {@code arguments}: what follows {@code attach}. */
  static AttachArguments attach(String[] arguments) throws AttachFailure {
    String target = null;
    String config = null;
    for (int i = 0; i < arguments.length; i++) {
      String argument = arguments[i];
      if (argument.equals("--config") || argument.equals("-c")) {
        if (i + 1 == arguments.length) {
          throw usage(argument + " needs a FILE; " + ATTACH_USAGE);
        }
        config = checkedOnce(config, arguments[++i]);
      } else if (argument.startsWith("--config=")) {
        config = checkedOnce(config, argument.substring("--config=".length()));
      } else if (argument.startsWith("-") || target != null) {
        throw usage("unexpected argument '" + argument + "'; " + ATTACH_USAGE);
      } else {
        target = argument;
      }
    }
    if (target == null) {
      throw usage("expected the PID or name of a running JVM ('list' shows them); " + ATTACH_USAGE);
    }
    if (config == null || config.isBlank()) {
      throw usage("expected the config file to attach with; " + ATTACH_USAGE);
    }
    try {
      return new AttachArguments(target, Path.of(config).toAbsolutePath().normalize());
    } catch (InvalidPathException badPath) {
      throw usage("'" + config + "' is not a valid path: " + badPath.getReason());
    }
  }

  /** {@code arguments}: what follows {@code detach}. */
  static AttachArguments detach(String[] arguments) throws AttachFailure {
    if (arguments.length != 1 || arguments[0].startsWith("-")) {
      throw usage("expected one PID or name; " + DETACH_USAGE);
    }
    return new AttachArguments(arguments[0], null);
  }

  /**
   * The agent argument naming the config: {@code config=PATH}, a comma in the path escaped as the
   * agent's argument parser wants it.
   */
  static String agentArgument(Path config) {
    return "config=" + config.toString().replace(",", "\\,");
  }

  private static String checkedOnce(@Nullable String earlier, String config) throws AttachFailure {
    if (earlier != null) {
      throw usage("--config is given twice; " + ATTACH_USAGE);
    }
    return config;
  }

  private static AttachFailure usage(String message) {
    return new AttachFailure(AttachFailure.EXIT_USAGE, message);
  }
}
