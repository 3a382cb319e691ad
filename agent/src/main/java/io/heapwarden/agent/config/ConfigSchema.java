package io.heapwarden.agent.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every key the config file accepts, as data: path, type, default, example and description. The
 * table drives validation (which keys a mapping may hold, how each value parses, which are
 * required), "did you mean" hints, the overridable settings, the CLI's effective-config print, and
 * the test that keeps {@code docs/configuration.md} in step.
 *
 * <p>Paths join nested keys with dots; {@code []} marks the entries of a rule list, e.g. {@code
 * collections[].values.max-entries}.
 */
public final class ConfigSchema {

  /** What a key holds. */
  public enum Type {
    BOOLEAN("boolean"),
    COUNT("positive whole number"),
    DURATION("duration"),
    SIZE("size"),
    RATIO("ratio"),
    ENUM("one of"),
    CLASS("class name"),
    FIELD("field"),
    METHOD("method"),
    PRESET("preset name"),
    PATH("file path"),
    SECTION("section"),
    LIST("list of rules");

    private final String docName;

    Type(String docName) {
      this.docName = docName;
    }

    /** Whether the key holds a single value (rather than a section or a rule list). */
    public boolean isScalar() {
      return this != SECTION && this != LIST;
    }
  }

  /**
   * One key.
   *
   * @param path dotted path, {@code []} for rule-list entries
   * @param type what it holds
   * @param defaultText the default as documented: a value ({@code 10s}), or {@code unset}, {@code
   *     required}, {@code none}
   * @param choices for {@link Type#ENUM}: the Java enum constants, spelled in lower case
   * @param required whether the enclosing mapping must have it
   * @param max for {@link Type#COUNT}: the largest value allowed
   * @param example an example value, used in hints
   * @param description what it does, in one sentence
   */
  public record Key(
      String path,
      Type type,
      String defaultText,
      List<? extends Enum<?>> choices,
      boolean required,
      long max,
      String example,
      String description) {

    public Key {
      choices = List.copyOf(choices);
    }

    /** The last segment of the path: the key as written in the file. */
    public String name() {
      return path.substring(path.lastIndexOf('.') + 1);
    }

    /** The path of the mapping that holds this key: {@code ""} for top-level keys. */
    public String parent() {
      int dot = path.lastIndexOf('.');
      return dot < 0 ? "" : path.substring(0, dot);
    }

    /** Whether agent arguments, system properties and environment variables may set it. */
    public boolean overridable() {
      return type.isScalar() && path.indexOf('[') < 0;
    }

    /** {@code -Dheapwarden.logging.level}'s property name. */
    public String propertyName() {
      return PROPERTY_PREFIX + path;
    }

    /** {@code HEAPWARDEN_LOGGING_LEVEL}: upper case, dots and dashes as underscores. */
    public String environmentName() {
      return envName(path);
    }

    /** The type as the documentation names it, e.g. {@code one of: lru, fifo}. */
    public String docType() {
      return type == Type.ENUM ? "one of: " + String.join(", ", choiceNames()) : type.docName;
    }

    /**
     * The spellings {@link Type#ENUM} accepts: the constants in lower case, {@code _} as {@code -}.
     */
    public List<String> choiceNames() {
      List<String> names = new ArrayList<>(choices.size());
      for (Enum<?> choice : choices) {
        names.add(choiceName(choice));
      }
      return names;
    }

    /**
     * Parses a value of this key: a {@link Boolean}, {@link Long} (counts, sizes), {@link
     * Duration}, {@link Double} (ratios), the enum constant, a class name {@link String}, {@link
     * FieldRef} or {@link MethodRef}.
     */
    public Object parse(String text) throws ConfigValueException {
      switch (type) {
        case BOOLEAN:
          if (text.equalsIgnoreCase("true")) {
            return Boolean.TRUE;
          }
          if (text.equalsIgnoreCase("false")) {
            return Boolean.FALSE;
          }
          throw new ConfigValueException(
              "must be true or false, got " + Units.shown(text), "write true or false");
        case COUNT:
          return parseCount(text);
        case DURATION:
          Duration duration = Units.parseDuration(text);
          if (duration.isZero() || duration.isNegative()) {
            throw new ConfigValueException(
                "must be positive, got " + text.trim(), "e.g. " + name() + ": " + example);
          }
          return duration;
        case SIZE:
          long bytes = Units.parseSize(text);
          if (bytes <= 0) {
            throw new ConfigValueException(
                "must be a positive size, got " + Units.shown(text), notPositiveHint());
          }
          return bytes;
        case RATIO:
          return Units.parseRatio(text);
        case ENUM:
          for (Enum<?> choice : choices) {
            if (choiceName(choice).equalsIgnoreCase(text.trim())) {
              return choice;
            }
          }
          String suggestion =
              Suggestions.closest(text.trim().toLowerCase(Locale.ROOT), choiceNames());
          throw new ConfigValueException(
              "must be one of " + String.join(", ", choiceNames()) + ", got " + Units.shown(text),
              suggestion == null ? null : "did you mean '" + suggestion + "'?");
        case CLASS:
          return JavaNames.parseClassName(text);
        case FIELD:
          return JavaNames.parseField(text);
        case METHOD:
          return JavaNames.parseMethod(text);
        case PATH:
          if (text.isBlank()) {
            throw new ConfigValueException(
                "must be a file path", "e.g. " + name() + ": " + example);
          }
          return text.trim();
        case PRESET:
          return text.trim(); // checked against the preset registry when the rule is built
        default:
          throw new IllegalStateException(path + " holds no single value");
      }
    }

    private Long parseCount(String text) throws ConfigValueException {
      String digits = text.trim();
      boolean negative = digits.startsWith("-");
      int start = negative || digits.startsWith("+") ? 1 : 0;
      boolean whole = digits.length() > start;
      for (int i = start; i < digits.length(); i++) {
        whole &= digits.charAt(i) >= '0' && digits.charAt(i) <= '9';
      }
      if (!whole) {
        throw new ConfigValueException(
            "must be a positive whole number, got " + Units.shown(text),
            "e.g. " + name() + ": " + example);
      }
      if (negative || digits.substring(start).replace("0", "").isEmpty()) {
        throw new ConfigValueException(
            "must be a positive whole number, got " + digits, notPositiveHint());
      }
      long value;
      try {
        value = Long.parseLong(digits);
      } catch (NumberFormatException overflow) {
        value = Long.MAX_VALUE;
        if (max == Long.MAX_VALUE) {
          throw tooLarge(digits);
        }
      }
      if (value > max) {
        throw tooLarge(digits);
      }
      return value;
    }

    private ConfigValueException tooLarge(String digits) {
      return new ConfigValueException(
          "must be at most " + max + ", got " + digits, "e.g. " + name() + ": " + example);
    }

    private String notPositiveHint() {
      if (required) {
        return "use 1 or more";
      }
      if (defaultText.equals(UNSET)) {
        return "remove the key to leave the limit unset";
      }
      return "remove the key to use the default, " + defaultText;
    }
  }

  static final String PROPERTY_PREFIX = "heapwarden.";
  static final String ENV_PREFIX = "HEAPWARDEN_";

  /** The default of a limit a rule need not set. */
  public static final String UNSET = "unset";

  private static final String REQUIRED = "required";
  private static final String NONE = "none";
  private static final String SECTION_DEFAULT = "its keys' defaults";
  private static final String LIST_DEFAULT = "no rules";

  private static final List<Key> KEYS =
      List.of(
          scalar(
              "strict",
              Type.BOOLEAN,
              "false",
              "true",
              "When true, an invalid configuration stops the JVM before the service's main"
                  + " (exit status 78); when false, the agent reports the problems and stays"
                  + " inactive while the service runs unchanged."),
          section("logging", "The agent's own log lines."),
          choice(
              "logging.level",
              LogLevel.values(),
              "info",
              "debug",
              "The quietest level the agent's log writes."),
          new Key(
              "logging.lines-per-minute",
              Type.COUNT,
              "20",
              List.of(),
              false,
              Integer.MAX_VALUE,
              "60",
              "How many lines of one kind the agent logs per minute; beyond that it counts them"
                  + " and logs a summary each telemetry interval."),
          section("telemetry", "How the agent reports what it does."),
          scalar(
              "telemetry.interval",
              Type.DURATION,
              "10s",
              "30s",
              "How often JFR events and log summaries are aggregated and emitted."),
          scalar(
              "telemetry.jfr",
              Type.BOOLEAN,
              "true",
              "false",
              "Whether the agent emits JFR events."),
          scalar(
              "telemetry.micrometer",
              Type.BOOLEAN,
              "true",
              "false",
              "Whether the agent publishes meters to the service's Micrometer registry, if it"
                  + " has one."),
          section("reload", "Whether and how often the config file is checked for changes."),
          scalar(
              "reload.watch",
              Type.BOOLEAN,
              "true",
              "false",
              "Whether the agent polls the config file and applies changes while the service"
                  + " runs."),
          scalar(
              "reload.interval",
              Type.DURATION,
              "2s",
              "10s",
              "How often the config file is checked for changes."),
          list("collections", "Rules that bound the collection held in a field."),
          required(
              "collections[].field",
              Type.FIELD,
              "com.example.chat.ResponseCache.entries",
              "The field that holds the map, set, list or queue to bound."),
          scalar(
              "collections[].max-entries",
              Type.COUNT,
              UNSET,
              "500",
              "The most entries the collection keeps; adding more evicts."),
          scalar(
              "collections[].max-bytes",
              Type.SIZE,
              UNSET,
              "10MB",
              "The most estimated retained bytes the collection keeps; adding more evicts."),
          choice(
              "collections[].eviction",
              Eviction.values(),
              "lru",
              "fifo",
              "Which entry a full map or set gives up: the least recently used, or the oldest"
                  + " inserted."),
          section(
              "collections[].values",
              "Bounds for each value of a map whose values are collections."),
          required(
              "collections[].values.max-entries",
              Type.COUNT,
              "100",
              "The most entries each collection-valued map value keeps."),
          list("singletons", "Rules that share instances instead of constructing them again."),
          scalar(
              "singletons[].class",
              Type.CLASS,
              NONE,
              "com.example.ml.EmbeddingModel",
              "Share the instances this class's constructors create. Set exactly one of class"
                  + " and method."),
          scalar(
              "singletons[].method",
              Type.METHOD,
              NONE,
              "com.example.ml.Models.load(java.lang.String)",
              "Share the results of this factory method. Set exactly one of class and method."),
          choice(
              "singletons[].key",
              SingletonKey.values(),
              "arguments",
              "class",
              "What makes two constructions share an instance: equal arguments, or just the"
                  + " class."),
          choice(
              "singletons[].scope",
              SingletonScope.values(),
              "global",
              "thread",
              "Where an instance is shared: across the JVM, or within one thread."),
          choice(
              "singletons[].on-close",
              OnClose.values(),
              "ignore",
              "release",
              "What close() on a shared instance does: nothing until shutdown, or drop it so"
                  + " the next construction makes a new one."),
          list("instances", "Rules that watch how many instances of a class are alive."),
          required(
              "instances[].class",
              Type.CLASS,
              "com.example.db.Connection",
              "The class whose live instances are counted."),
          required(
              "instances[].max-live",
              Type.COUNT,
              "5",
              "How many live instances are expected at most; more raise a warning."),
          // ---- sessions (issue 5) ----
          list(
              "sessions",
              "Rules that bound session stores: maps from a session key to that session's"
                  + " state."),
          scalar(
              "sessions[].field",
              Type.FIELD,
              NONE,
              "com.example.chat.ConversationStore.histories",
              "The field that holds the session map. Set exactly one of field and preset."),
          scalar(
              "sessions[].preset",
              Type.PRESET,
              NONE,
              "langchain4j",
              "A named set of session rules for a library's real classes. Set exactly one of"
                  + " field and preset."),
          scalar(
              "sessions[].max-sessions",
              Type.COUNT,
              UNSET,
              "10000",
              "The most sessions the map keeps; a new one evicts the least recently used."),
          scalar(
              "sessions[].idle-timeout",
              Type.DURATION,
              UNSET,
              "10m",
              "How long a session may go unread and unwritten before it is evicted."),
          new Key(
              "sessions[].window",
              Type.COUNT,
              UNSET,
              List.of(),
              false,
              Integer.MAX_VALUE,
              "10",
              "When a session's value is a list, deque or map: keep only its newest entries."),
          scalar(
              "sessions[].max-bytes-per-session",
              Type.SIZE,
              UNSET,
              "256KB",
              "The most estimated retained bytes one session keeps."),
          choice(
              "sessions[].on-evict",
              OnEvict.values(),
              NONE,
              "close",
              "What happens to an evicted session's value: close it if it is AutoCloseable, or"
                  + " nothing."),
          // ---- pressure: the memory pressure guard (docs/pressure.md) ----
          section(
              "pressure",
              "The memory pressure guard: heap and container thresholds, and what happens at"
                  + " critical. Off unless the section is present."),
          section("pressure.heap", "Thresholds for the long-lived heap, measured after GC."),
          scalar(
              "pressure.heap.warn",
              Type.RATIO,
              "75%",
              "70%",
              "The share of the maximum heap, used after GC, at which pressure is warn."),
          scalar(
              "pressure.heap.critical",
              Type.RATIO,
              "90%",
              "85%",
              "The share of the maximum heap, used after GC, at which pressure is critical."),
          section(
              "pressure.container",
              "Thresholds for the process's memory against the container's limit."),
          scalar(
              "pressure.container.warn",
              Type.RATIO,
              "80%",
              "75%",
              "The share of the memory limit used (working set) at which pressure is warn."),
          scalar(
              "pressure.container.critical",
              Type.RATIO,
              "90%",
              "85%",
              "The share of the memory limit used (working set) at which pressure is critical."),
          scalar(
              "pressure.container.limit",
              Type.SIZE,
              UNSET,
              "2GB",
              "The memory limit to use when the cgroup sets none; the process's RSS is then"
                  + " measured against it."),
          section("pressure.on-critical", "What the guard does when pressure becomes critical."),
          scalar(
              "pressure.on-critical.trim-to",
              Type.RATIO,
              "50%",
              "25%",
              "The share of its bound every bounded collection and session store keeps while"
                  + " pressure is critical."),
          scalar(
              "pressure.on-critical.idle-timeout",
              Type.DURATION,
              "1m",
              "30s",
              "Sessions idle longer than this expire while pressure is critical."),
          scalar(
              "pressure.on-critical.gc",
              Type.BOOLEAN,
              "true",
              "false",
              "Whether the guard runs a garbage collection after the trim, so that memory goes"
                  + " back to the operating system."),
          scalar(
              "pressure.on-critical.trim-native",
              Type.BOOLEAN,
              "true",
              "false",
              "Whether the guard then returns free native heap (glibc malloc) memory to the"
                  + " operating system, where the JVM supports it."),
          scalar(
              "pressure.on-critical.min-interval",
              Type.DURATION,
              "30s",
              "1m",
              "The shortest time between two garbage collections or native trims by the guard."),
          scalar(
              "pressure.on-critical.trim-floor",
              Type.RATIO,
              "10%",
              "5%",
              "The lowest share of its bound a collection keeps when pressure stays critical after"
                  + " a trim and a collection (each step halves the share, from trim-to)."),
          scalar(
              "pressure.on-critical.exit-after",
              Type.DURATION,
              UNSET,
              "30s",
              "Stops the JVM with exit status 75 when pressure has stayed critical this long with"
                  + " bounds at trim-floor, after writing a class histogram (off by default)."),
          section(
              "pressure.heap-dump",
              "A heap dump written once per process when pressure first reaches a level."),
          required(
              "pressure.heap-dump.path",
              Type.PATH,
              "/tmp/heapwarden-%p.hprof",
              "Where the heap dump goes; %p is replaced by the process id."),
          choice(
              "pressure.heap-dump.on",
              PressureSettings.HeapDumpOn.values(),
              "critical",
              "warn",
              "The level whose first arrival writes the heap dump."));

  private static final Map<String, Key> BY_PATH = new HashMap<>();
  private static final Map<String, List<Key>> CHILDREN = new HashMap<>();

  static {
    for (Key key : KEYS) {
      BY_PATH.put(key.path(), key);
      List<Key> siblings = CHILDREN.get(key.parent());
      if (siblings == null) {
        siblings = new ArrayList<>();
        CHILDREN.put(key.parent(), siblings);
      }
      siblings.add(key);
    }
  }

  private ConfigSchema() {}

  /** Every key, in the order of the documentation. */
  public static List<Key> keys() {
    return KEYS;
  }

  /** The key at {@code path}, or null. */
  public static Key key(String path) {
    return BY_PATH.get(path);
  }

  /** The keys directly inside the mapping at {@code parent} ({@code ""} for the top level). */
  public static List<Key> children(String parent) {
    List<Key> children = CHILDREN.get(parent);
    return children == null ? List.of() : Collections.unmodifiableList(children);
  }

  /** The key named {@code name} inside {@code parent}, or null. */
  static Key child(String parent, String name) {
    Key key = BY_PATH.get(parent.isEmpty() ? name : parent.concat(".").concat(name));
    return key != null && key.parent().equals(parent) ? key : null;
  }

  static String choiceName(Enum<?> choice) {
    return choice.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static String envName(String path) {
    return ENV_PREFIX.concat(path.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
  }

  private static Key scalar(
      String path, Type type, String defaultText, String example, String description) {
    return new Key(path, type, defaultText, List.of(), false, Long.MAX_VALUE, example, description);
  }

  private static Key required(String path, Type type, String example, String description) {
    return new Key(path, type, REQUIRED, List.of(), true, Long.MAX_VALUE, example, description);
  }

  private static Key choice(
      String path, Enum<?>[] choices, String defaultText, String example, String description) {
    return new Key(
        path,
        Type.ENUM,
        defaultText,
        List.of(choices),
        false,
        Long.MAX_VALUE,
        example,
        description);
  }

  private static Key section(String path, String description) {
    return new Key(path, Type.SECTION, SECTION_DEFAULT, List.of(), false, 0, null, description);
  }

  private static Key list(String path, String description) {
    return new Key(path, Type.LIST, LIST_DEFAULT, List.of(), false, 0, null, description);
  }
}
