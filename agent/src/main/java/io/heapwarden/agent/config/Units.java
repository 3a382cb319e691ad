package io.heapwarden.agent.config;

import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Parses and prints the config's quantities: sizes ({@code 512KB}, {@code 10MB}, {@code 1GiB}; all
 * 1024-based, a bare number is bytes), durations ({@code 500ms}, {@code 30s}, {@code 10m}, {@code
 * 2h}, {@code 1d}; a unit is required) and ratios ({@code 75%}). Hand-written scanners, no regular
 * expressions: this runs on the JVM's premain thread.
 */
public final class Units {
  private static final long KIB = 1024L;
  private static final long MIB = KIB * 1024;
  private static final long GIB = MIB * 1024;
  private static final long TIB = GIB * 1024;

  private static final String SIZE_UNITS =
      "use B, KB, MB, GB, TB or KiB, MiB, GiB, TiB, all 1024-based; a bare number means bytes";
  private static final String DURATION_UNITS = "ms, s, m, h or d";

  /**
   * The longest duration the agent can hold: its clocks count nanoseconds in a {@code long}, so
   * anything longer would overflow {@code Duration.toNanos} at start or on reload.
   */
  static final long MAX_DURATION_MILLIS = Long.MAX_VALUE / 1_000_000;

  private static final String MAX_DURATION_HINT =
      "the largest duration is "
          + MAX_DURATION_MILLIS / 86_400_000
          + "d ("
          + MAX_DURATION_MILLIS
          + "ms)";
  private static final String MAX_SIZE_HINT =
      "the largest size is " + Long.MAX_VALUE / TIB + "TB (" + Long.MAX_VALUE + " bytes)";

  private Units() {}

  /**
   * Parses a size into bytes. Units are case-insensitive: {@code B}, {@code KB}/{@code KiB}/{@code
   * K}, {@code MB}/{@code MiB}/{@code M}, {@code GB}/{@code GiB}/{@code G}, {@code TB}/{@code
   * TiB}/{@code T}, all 1024-based; a bare number means bytes. The sign is kept: callers decide
   * whether zero or negative sizes make sense.
   */
  public static long parseSize(String text) throws ConfigValueException {
    Quantity q = Quantity.scan(text);
    if (q == null) {
      throw new ConfigValueException(
          "must be a size like 10MB, got " + shown(text), SIZE_UNITS + ", e.g. 10MB");
    }
    long unit = sizeUnit(q.unit);
    if (unit == 0) {
      throw new ConfigValueException(
          "unknown size unit '" + q.unit + "' in '" + text.trim() + "'", SIZE_UNITS);
    }
    if (q.fraction) {
      throw new ConfigValueException(
          "must be a whole number of units, got " + shown(text),
          "use a smaller unit, e.g. 1536MB rather than 1.5GB");
    }
    return scale(q, unit, text, MAX_SIZE_HINT);
  }

  private static long sizeUnit(String unit) {
    switch (unit.toUpperCase(Locale.ROOT)) {
      case "":
      case "B":
        return 1;
      case "K":
      case "KB":
      case "KIB":
        return KIB;
      case "M":
      case "MB":
      case "MIB":
        return MIB;
      case "G":
      case "GB":
      case "GIB":
        return GIB;
      case "T":
      case "TB":
      case "TIB":
        return TIB;
      default:
        return 0;
    }
  }

  /**
   * Parses a duration: a whole number and one of {@code ms}, {@code s}, {@code m}, {@code h},
   * {@code d}. A bare number is rejected: {@code 10} could mean seconds or milliseconds. The sign
   * is kept: callers decide whether zero or negative durations make sense.
   */
  public static Duration parseDuration(String text) throws ConfigValueException {
    Quantity q = Quantity.scan(text);
    if (q == null) {
      throw new ConfigValueException(
          "must be a duration like 10s, got " + shown(text),
          "use a whole number and a unit: " + DURATION_UNITS);
    }
    if (q.unit.isEmpty()) {
      String number = text.trim();
      throw new ConfigValueException(
          "needs a unit, got " + number,
          "write " + number + "s for seconds; the units are " + DURATION_UNITS);
    }
    long millisPerUnit = durationUnit(q.unit);
    if (millisPerUnit == 0) {
      throw new ConfigValueException(
          "unknown duration unit '" + q.unit + "' in '" + text.trim() + "'",
          "use " + DURATION_UNITS + ", e.g. 10s");
    }
    if (q.fraction) {
      throw new ConfigValueException(
          "must be a whole number of units, got " + shown(text),
          "use a smaller unit, e.g. 1500ms rather than 1.5s");
    }
    long millis = scale(q, millisPerUnit, text, MAX_DURATION_HINT);
    if (millis > MAX_DURATION_MILLIS) {
      throw tooLarge(text, MAX_DURATION_HINT);
    }
    return Duration.ofMillis(millis);
  }

  private static long durationUnit(String unit) {
    switch (unit.toLowerCase(Locale.ROOT)) {
      case "ms":
        return 1;
      case "s":
        return 1000;
      case "m":
        return 60_000;
      case "h":
        return 3_600_000;
      case "d":
        return 86_400_000;
      default:
        return 0;
    }
  }

  /**
   * Parses a ratio written as a percentage, {@code 75%} or {@code 12.5%}, into a fraction ({@code
   * 0.75}). It must lie between 0% and 100%.
   */
  public static double parseRatio(String text) throws ConfigValueException {
    Quantity q = Quantity.scan(text);
    if (q == null || !(q.unit.equals("%") || q.unit.isEmpty())) {
      throw new ConfigValueException(
          "must be a percentage like 75%, got " + shown(text), "e.g. 75%");
    }
    double value = Double.parseDouble(q.number) * (q.negative ? -1 : 1);
    if (q.unit.isEmpty()) {
      double percent = value >= 0 && value <= 1 ? value * 100 : value;
      throw new ConfigValueException(
          "must be a percentage like 75%, got " + text.trim(), "write " + formatPercent(percent));
    }
    if (value < 0 || value > 100) {
      throw new ConfigValueException("must be between 0% and 100%, got " + text.trim(), "e.g. 75%");
    }
    return value / 100;
  }

  /** Prints a size in the largest unit that divides it exactly: {@code 10MB}, {@code 1536KB}. */
  public static String formatSize(long bytes) {
    if (bytes != 0) {
      if (bytes % TIB == 0) {
        return bytes / TIB + "TB";
      }
      if (bytes % GIB == 0) {
        return bytes / GIB + "GB";
      }
      if (bytes % MIB == 0) {
        return bytes / MIB + "MB";
      }
      if (bytes % KIB == 0) {
        return bytes / KIB + "KB";
      }
    }
    return bytes + "B";
  }

  /** Prints a duration in the largest unit that divides it exactly: {@code 2s}, {@code 1500ms}. */
  public static String formatDuration(Duration duration) {
    long millis = duration.toMillis();
    if (millis != 0) {
      if (millis % 86_400_000 == 0) {
        return millis / 86_400_000 + "d";
      }
      if (millis % 3_600_000 == 0) {
        return millis / 3_600_000 + "h";
      }
      if (millis % 60_000 == 0) {
        return millis / 60_000 + "m";
      }
      if (millis % 1000 == 0) {
        return millis / 1000 + "s";
      }
    }
    return millis + "ms";
  }

  /** Prints a fraction as a percentage: {@code 0.75} is {@code 75%}, {@code 0.125} is 12.5%. */
  public static String formatRatio(double fraction) {
    return formatPercent(fraction * 100);
  }

  private static String formatPercent(double percent) {
    double rounded = Math.round(percent * 1000) / 1000.0;
    if (rounded == Math.rint(rounded)) {
      return (long) rounded + "%";
    }
    return rounded + "%";
  }

  private static long scale(Quantity q, long unit, String text, String largest)
      throws ConfigValueException {
    try {
      long value = Math.multiplyExact(Long.parseLong(q.number), unit);
      return q.negative ? -value : value;
    } catch (NumberFormatException | ArithmeticException overflow) {
      throw tooLarge(text, largest);
    }
  }

  private static ConfigValueException tooLarge(String text, String largest) {
    return new ConfigValueException("is too large, got " + shown(text), largest);
  }

  /**
   * Shows a value in a message: quantities as they are ({@code got 0}, {@code got -5MB}), anything
   * else quoted ({@code got 'lots'}).
   */
  static String shown(String text) {
    String trimmed = text.trim();
    return Quantity.scan(trimmed) != null ? trimmed : "'" + text + "'";
  }

  /** A number (optional sign, digits, optional fraction) followed by an optional unit. */
  private static final class Quantity {
    final boolean negative;
    final String number;
    final boolean fraction;
    final String unit;

    private Quantity(boolean negative, String number, boolean fraction, String unit) {
      this.negative = negative;
      this.number = number;
      this.fraction = fraction;
      this.unit = unit;
    }

    static @Nullable Quantity scan(String text) {
      String s = text.trim();
      int i = 0;
      boolean negative = false;
      if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
        negative = s.charAt(i) == '-';
        i++;
      }
      int digitsStart = i;
      while (i < s.length() && isDigit(s.charAt(i))) {
        i++;
      }
      if (i == digitsStart) {
        return null;
      }
      int numberEnd = i;
      boolean fraction = false;
      if (i < s.length() && s.charAt(i) == '.') {
        int fractionStart = ++i;
        while (i < s.length() && isDigit(s.charAt(i))) {
          i++;
        }
        if (i == fractionStart) {
          return null;
        }
        fraction = true;
        numberEnd = i;
      }
      String number = s.substring(digitsStart, numberEnd);
      while (i < s.length() && s.charAt(i) == ' ') {
        i++;
      }
      String unit = s.substring(i);
      for (int u = 0; u < unit.length(); u++) {
        char c = unit.charAt(u);
        if (!Character.isLetter(c) && c != '%') {
          return null;
        }
      }
      return new Quantity(negative, number, fraction, unit);
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }
  }
}
