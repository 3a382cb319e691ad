package io.heapwarden.agent.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One key of the config file, as data: the schema ({@link ConfigSchema}) is a list of these.
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
 * @param min for {@link Type#DURATION}: the shortest value allowed, or null for any positive one;
 *     {@link Duration#ZERO} for a duration that {@code 0} or {@code off} turns off
 */
public record ConfigKey(
    String path,
    Type type,
    String defaultText,
    List<? extends Enum<?>> choices,
    boolean required,
    long max,
    @Nullable String example,
    String description,
    @Nullable Duration min) {

  public ConfigKey {
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
    return ConfigSchema.PROPERTY_PREFIX + path;
  }

  /** {@code HEAPWARDEN_LOGGING_LEVEL}: upper case, dots and dashes as underscores. */
  public String environmentName() {
    return ConfigSchema.envName(path);
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
      names.add(ConfigSchema.choiceName(choice));
    }
    return names;
  }

  /**
   * Parses a value of this key: a {@link Boolean}, {@link Long} (counts, sizes), {@link Duration},
   * {@link Double} (ratios), the enum constant, a class name {@link String}, {@link FieldRef} or
   * {@link MethodRef}, or for {@link Type#PACKAGES} a {@code List<String>} (comma-separated); a
   * {@link Type#PORT} is an {@link Integer}, an {@link Type#ADDRESS} and a {@link Type#SECRET} a
   * {@link String}.
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
        if (Duration.ZERO.equals(min) && isOff(text)) {
          return Duration.ZERO;
        }
        Duration duration = Units.parseDuration(text);
        if ((duration.isZero() && !Duration.ZERO.equals(min)) || duration.isNegative()) {
          throw new ConfigValueException(
              "must be positive, got " + text.trim(), "e.g. " + name() + ": " + example);
        }
        if (min != null && duration.compareTo(min) < 0) {
          throw new ConfigValueException(
              "is too short, got " + text.trim(),
              "the shortest " + name() + " is " + Units.formatDuration(min));
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
          if (ConfigSchema.choiceName(choice).equalsIgnoreCase(text.trim())) {
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
          throw new ConfigValueException("must be a file path", "e.g. " + name() + ": " + example);
        }
        return text.trim();
      case PACKAGES:
        return JavaNames.parsePackages(text);
      case PRESET:
        return text.trim(); // checked against the preset registry when the rule is built
      case PORT:
        return NetworkValues.parsePort(text, name(), String.valueOf(example));
      case ADDRESS:
        return NetworkValues.parseAddress(text, name(), String.valueOf(example));
      case SECRET:
        return NetworkValues.parseSecret(text); // never shown in a problem: it is a secret
      default:
        throw new IllegalStateException(path + " holds no single value");
    }
  }

  private static boolean isOff(String text) {
    String trimmed = text.trim();
    return trimmed.equals("0") || trimmed.equalsIgnoreCase("off");
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
    if (defaultText.equals(ConfigSchema.UNSET)) {
      return "remove the key to leave the limit unset";
    }
    return "remove the key to use the default, " + defaultText;
  }

  private static final String REQUIRED = "required";
  private static final String SECTION_DEFAULT = "its keys' defaults";
  private static final String LIST_DEFAULT = "no rules";

  /** An optional single value. */
  public static ConfigKey scalar(
      String path, Type type, String defaultText, String example, String description) {
    return new ConfigKey(
        path, type, defaultText, List.of(), false, Long.MAX_VALUE, example, description, null);
  }

  /** A count no larger than {@code max}. */
  public static ConfigKey count(
      String path, String defaultText, long max, String example, String description) {
    return new ConfigKey(
        path, Type.COUNT, defaultText, List.of(), false, max, example, description, null);
  }

  /** An optional duration no shorter than {@code min}. */
  public static ConfigKey duration(
      String path, String defaultText, Duration min, String example, String description) {
    return new ConfigKey(
        path,
        Type.DURATION,
        defaultText,
        List.of(),
        false,
        Long.MAX_VALUE,
        example,
        description,
        min);
  }

  /** A single value its mapping must have. */
  public static ConfigKey required(String path, Type type, String example, String description) {
    return new ConfigKey(
        path, type, REQUIRED, List.of(), true, Long.MAX_VALUE, example, description, null);
  }

  /** One of an enum's constants. */
  public static ConfigKey choice(
      String path, Enum<?>[] choices, String defaultText, String example, String description) {
    return new ConfigKey(
        path,
        Type.ENUM,
        defaultText,
        List.of(choices),
        false,
        Long.MAX_VALUE,
        example,
        description,
        null);
  }

  /** A mapping of further keys. */
  public static ConfigKey section(String path, String description) {
    return new ConfigKey(
        path, Type.SECTION, SECTION_DEFAULT, List.of(), false, 0, null, description, null);
  }

  /** A list of rules. */
  public static ConfigKey list(String path, String description) {
    return new ConfigKey(
        path, Type.LIST, LIST_DEFAULT, List.of(), false, 0, null, description, null);
  }

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
    PACKAGES("list of package names"),
    PORT("port number"),
    ADDRESS("IP address"),
    SECRET("secret"),
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
}
