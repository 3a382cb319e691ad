package io.heapwarden.agent.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * What to load: the file (null when none is named) and single-key overrides from agent arguments,
 * {@code -Dheapwarden.<key>} and {@code HEAPWARDEN_<KEY>}, each with where it came from.
 *
 * @param schema the keys the file and the overrides may set
 * @param file the file to read, absolute when {@link #locate} found it; null for none
 * @param displayName the file as the user wrote it, for messages and {@link AgentConfig#source()}
 * @param overrides the winning override per schema key ({@code logging.level})
 * @param problems what was wrong with the agent arguments, properties or variables themselves
 */
public record ConfigRequest(
    ConfigSchema schema,
    @Nullable Path file,
    @Nullable String displayName,
    Map<String, Override> overrides,
    List<ConfigProblem> problems) {

  /** An override's value and where it came from, e.g. {@code -Dheapwarden.logging.level}. */
  public record Override(String value, SourcePosition origin) {}

  /** The agent argument that names the file: {@code config=heapwarden.yaml}. */
  public static final String CONFIG_ARGUMENT = "config";

  /** The system property that names the file. */
  public static final String CONFIG_PROPERTY = ConfigSchema.PROPERTY_PREFIX + CONFIG_ARGUMENT;

  /** The environment variable that names the file. */
  public static final String CONFIG_VARIABLE = ConfigSchema.ENV_PREFIX + "CONFIG";

  public ConfigRequest {
    if (file != null && displayName == null) {
      displayName = file.toString();
    }
    overrides = Map.copyOf(overrides);
    problems = List.copyOf(problems);
  }

  public ConfigRequest(ConfigSchema schema, @Nullable Path file, Map<String, Override> overrides) {
    this(schema, file, null, overrides, List.of());
  }

  /** Just this file, no overrides: what {@code heapwarden check FILE} validates. */
  public static ConfigRequest ofFile(ConfigSchema schema, Path file) {
    return new ConfigRequest(schema, file, null, Map.of(), List.of());
  }

  /** The config's source in messages and telemetry: the file as given, or {@code defaults}. */
  public String source() {
    return file == null ? "defaults" : Objects.requireNonNull(displayName); // set with file
  }

  /**
   * Finds the file and the overrides.
   *
   * <p>Agent arguments are comma-separated {@code key=value} pairs ({@link AgentArguments}: each
   * key once, {@code \,} for a comma in a value): {@code config=PATH} names the file, any other key
   * overrides one setting. The file comes from the agent argument, else {@code
   * -Dheapwarden.config}, else {@code HEAPWARDEN_CONFIG}; a relative path resolves against {@code
   * user.dir}. A setting comes from the agent arguments, else {@code -Dheapwarden.<key>}, else
   * {@code HEAPWARDEN_<KEY>}, else the file. Empty values count as not set.
   *
   * <p>Every agent argument must be known. Properties and variables in the {@code heapwarden}
   * namespace that are not settings are left alone (other tools may use them) unless they look like
   * a misspelt setting or name a setting that cannot be overridden; those become problems.
   */
  public static ConfigRequest locate(
      ConfigSchema schema,
      String agentArguments,
      Map<String, String> systemProperties,
      Map<String, String> env) {
    List<ConfigProblem> problems = new ArrayList<>();
    Map<String, Override> overrides = new HashMap<>();
    String fileName = null;

    // Lowest precedence first: each later source replaces what an earlier one set.
    Map<String, String> variables = inNamespace(env, ConfigSchema.ENV_PREFIX);
    for (Map.Entry<String, String> variable : variables.entrySet()) {
      String name = variable.getKey();
      if (name.equals(CONFIG_VARIABLE)) {
        fileName = variable.getValue();
        continue;
      }
      ConfigKey key = byEnvironmentName(schema, name);
      if (key != null && key.overridable()) {
        overrides.put(key.path(), new Override(variable.getValue(), SourcePosition.of(name)));
      } else if (key != null) {
        problems.add(notOverridable(schema, key, SourcePosition.of(name), Origin.VARIABLE));
      } else {
        // Compare what follows the prefix: the shared prefix would make any two names look close.
        int prefix = ConfigSchema.ENV_PREFIX.length();
        List<String> names = new ArrayList<>();
        for (ConfigKey candidate : schema.keys()) {
          if (candidate.overridable()) {
            names.add(candidate.environmentName().substring(prefix));
          }
        }
        names.add(CONFIG_VARIABLE.substring(prefix));
        String suggestion = Suggestions.closest(name.substring(prefix), names);
        if (suggestion != null) {
          problems.add(
              unknown(
                  SourcePosition.of(name),
                  "did you mean " + ConfigSchema.ENV_PREFIX + suggestion + "?"));
        }
      }
    }

    Map<String, String> properties = inNamespace(systemProperties, ConfigSchema.PROPERTY_PREFIX);
    for (Map.Entry<String, String> property : properties.entrySet()) {
      String name = property.getKey().substring(ConfigSchema.PROPERTY_PREFIX.length());
      SourcePosition origin = SourcePosition.of("-D".concat(property.getKey()));
      if (name.equals(CONFIG_ARGUMENT)) {
        fileName = property.getValue();
        continue;
      }
      ConfigKey key = schema.key(name);
      if (key != null && key.overridable()) {
        overrides.put(key.path(), new Override(property.getValue(), origin));
      } else if (key != null) {
        problems.add(notOverridable(schema, key, origin, Origin.PROPERTY));
      } else {
        String suggestion = closestOverridable(schema, name);
        if (suggestion != null) {
          problems.add(
              unknown(origin, "did you mean -D" + ConfigSchema.PROPERTY_PREFIX + suggestion + "?"));
        }
      }
    }

    if (agentArguments != null) {
      for (AgentArguments.Argument argument : AgentArguments.parse(agentArguments, problems)) {
        String name = argument.name();
        SourcePosition origin = argument.origin();
        if (name.equals(CONFIG_ARGUMENT)) {
          fileName = argument.value();
          continue;
        }
        ConfigKey key = schema.key(name);
        if (key != null && key.overridable()) {
          overrides.put(key.path(), new Override(argument.value(), origin));
        } else if (key != null) {
          problems.add(notOverridable(schema, key, origin, Origin.ARGUMENT));
        } else {
          String suggestion = closestOverridable(schema, name);
          if (suggestion == null && Suggestions.closest(name, List.of(CONFIG_ARGUMENT)) != null) {
            suggestion = CONFIG_ARGUMENT;
          }
          problems.add(
              unknown(
                  origin,
                  suggestion != null
                      ? "did you mean " + suggestion + "?"
                      : "the agent takes config=FILE and these settings: "
                          + String.join(", ", overridableNames(schema))));
        }
      }
    }

    Path file = null;
    if (fileName != null && !fileName.isBlank()) {
      try {
        file = Path.of(fileName);
        if (!file.isAbsolute()) {
          String userDir = systemProperties.get("user.dir");
          Path base = userDir != null ? Path.of(userDir) : Path.of("").toAbsolutePath();
          file = base.resolve(file);
        }
        file = file.normalize();
      } catch (InvalidPathException badPath) {
        problems.add(
            new ConfigProblem(
                SourcePosition.of(fileName),
                "",
                "is not a valid path: " + badPath.getReason(),
                null));
        file = null;
        fileName = null;
      }
    } else {
      fileName = null;
    }
    return new ConfigRequest(schema, file, fileName, overrides, problems);
  }

  private enum Origin {
    ARGUMENT,
    PROPERTY,
    VARIABLE;

    String nameOf(ConfigKey key) {
      switch (this) {
        case PROPERTY:
          return "-D" + key.propertyName();
        case VARIABLE:
          return key.environmentName();
        default:
          return key.path();
      }
    }
  }

  /** The non-blank entries whose name starts with {@code prefix}, sorted by name. */
  private static Map<String, String> inNamespace(Map<String, String> all, String prefix) {
    Map<String, String> matching = new TreeMap<>();
    for (Map.Entry<String, String> entry : all.entrySet()) {
      String value = entry.getValue();
      if (entry.getKey().startsWith(prefix) && value != null && !value.isBlank()) {
        matching.put(entry.getKey(), value.trim());
      }
    }
    return matching;
  }

  private static @Nullable ConfigKey byEnvironmentName(ConfigSchema schema, String name) {
    for (ConfigKey key : schema.keys()) {
      if (key.environmentName().equals(name)) {
        return key;
      }
    }
    return null;
  }

  private static @Nullable String closestOverridable(ConfigSchema schema, String name) {
    return Suggestions.closest(name, overridableNames(schema));
  }

  private static List<String> overridableNames(ConfigSchema schema) {
    List<String> names = new ArrayList<>();
    for (ConfigKey key : schema.keys()) {
      if (key.overridable()) {
        names.add(key.path());
      }
    }
    return names;
  }

  private static ConfigProblem unknown(SourcePosition origin, @Nullable String hint) {
    return new ConfigProblem(origin, "", "unknown setting", hint);
  }

  private static ConfigProblem notOverridable(
      ConfigSchema schema, ConfigKey key, SourcePosition origin, Origin kind) {
    if (key.type() == ConfigKey.Type.SECTION) {
      ConfigKey first = schema.children(key.path()).get(0);
      return new ConfigProblem(
          origin,
          key.path(),
          "is a section; override one of its keys",
          "e.g. " + kind.nameOf(first));
    }
    return new ConfigProblem(
        origin, key.path(), "cannot be overridden: rules come only from the config file", null);
  }
}
