package io.heapwarden.agent.config;

/**
 * Finds {@code strict: true} in a file that could not be parsed (not UTF-8, not YAML, too large),
 * so that such a file is as strict as one with any other problem. Works on the raw bytes, since
 * they may not decode: a line counts when it starts, in column 1, with {@code strict}, optional
 * blanks, {@code :}, optional blanks, {@code true} (any case, optionally quoted) and then only
 * blanks or a {@code #} comment. Lines that do not start with {@code strict} (indented keys,
 * comments) never count.
 */
final class StrictLine {
  private static final byte[] KEY = {'s', 't', 'r', 'i', 'c', 't'};
  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};

  private StrictLine() {}

  /** Whether the first {@code length} bytes of {@code content} have a line {@code strict: true}. */
  static boolean in(byte[] content, int length) {
    int lineStart = 0;
    while (lineStart < length) {
      int lineEnd = lineStart;
      while (lineEnd < length && content[lineEnd] != '\n') {
        lineEnd++;
      }
      if (saysStrict(content, lineStart, lineEnd)) {
        return true;
      }
      lineStart = lineEnd + 1;
    }
    return false;
  }

  private static boolean saysStrict(byte[] line, int start, int end) {
    int i = start;
    if (!matches(line, i, end, KEY, false)) {
      return false;
    }
    i = skipBlanks(line, i + KEY.length, end);
    if (i >= end || line[i] != ':') {
      return false;
    }
    int afterColon = i + 1;
    i = skipBlanks(line, afterColon, end);
    if (i == afterColon) {
      return false; // YAML needs a blank after the colon
    }
    byte quote = i < end && (line[i] == '"' || line[i] == '\'') ? line[i] : 0;
    if (quote != 0) {
      i++;
    }
    if (!matches(line, i, end, TRUE, true)) {
      return false;
    }
    i += TRUE.length;
    if (quote != 0) {
      if (i >= end || line[i] != quote) {
        return false;
      }
      i++;
    }
    int afterValue = i;
    i = skipBlanks(line, i, end);
    return i == end || (line[i] == '#' && i > afterValue);
  }

  private static boolean matches(byte[] line, int at, int end, byte[] word, boolean anyCase) {
    if (end - at < word.length) {
      return false;
    }
    for (int k = 0; k < word.length; k++) {
      byte b = line[at + k];
      if (anyCase && b >= 'A' && b <= 'Z') {
        b = (byte) (b + ('a' - 'A'));
      }
      if (b != word[k]) {
        return false;
      }
    }
    return true;
  }

  private static int skipBlanks(byte[] line, int at, int end) {
    int i = at;
    while (i < end && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) {
      i++;
    }
    return i;
  }
}
