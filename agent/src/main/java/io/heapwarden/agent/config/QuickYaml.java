package io.heapwarden.agent.config;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Composes the YAML that configs are written in (block mappings and lists, one-line plain or quoted
 * scalars, one-line flow lists and mappings of scalars, comments) into the same nodes as SnakeYAML,
 * without SnakeYAML's scanner, parser and composer: on the premain thread those cost about 70 ms
 * and 120 classes. Anything else, and anything malformed, answers null and goes to SnakeYAML, which
 * reads the rest of YAML and words the errors. {@code QuickYamlTest} checks that both give the same
 * nodes, positions included, for every config in the repository and thousands of variants of them.
 */
final class QuickYaml {
  /** Longer files are rare; SnakeYAML reads them. */
  private static final int MAX_CHARS = 64 * 1024;

  /** A config nests 4 deep; deeper goes to SnakeYAML and its limits. */
  private static final int MAX_DEPTH = 8;

  private static final String INDICATORS = "-?:,[]{}#&*!|>'\"%@`";

  /** Thrown to give up on the text: SnakeYAML reads it instead (no stack trace: cheap). */
  private static final class NotQuick extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotQuick() {
      super(null, null, false, false);
    }
  }

  /** A line with content: its number (from 0), where its content starts, and the content. */
  private static final class Line {
    final int number;
    int column;
    String content;

    Line(int number, int column, String content) {
      this.number = number;
      this.column = column;
      this.content = content;
    }
  }

  private final List<Line> lines;
  private int next;

  private QuickYaml(List<Line> lines) {
    this.lines = lines;
  }

  /** The document's root node, or null when SnakeYAML must read the text. */
  static @Nullable YamlNode compose(String text) {
    try {
      List<Line> lines = lines(text);
      if (lines.isEmpty() || lines.get(0).column != 0 || isListItem(lines.get(0).content)) {
        return null; // empty, indented or a list at the top: SnakeYAML words what follows
      }
      QuickYaml yaml = new QuickYaml(lines);
      YamlNode root = yaml.mapping(0, 1);
      return yaml.next == lines.size() ? root : null;
    } catch (NotQuick | IndexOutOfBoundsException notQuick) {
      return null;
    }
  }

  private static List<Line> lines(String text) {
    if (text.length() > MAX_CHARS) {
      throw new NotQuick();
    }
    List<Line> lines = new ArrayList<>();
    int number = 0;
    int start = 0;
    while (start <= text.length()) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      int column = 0;
      while (start + column < end && text.charAt(start + column) == ' ') {
        column++;
      }
      for (int i = start + column; i < end; i++) {
        char c = text.charAt(i);
        if (c < 0x20 || c > 0x7E) {
          throw new NotQuick(); // tabs, CR, control and non-ASCII characters: SnakeYAML's rules
        }
      }
      String content = text.substring(start + column, end);
      if (content.startsWith("---") || content.startsWith("...")) {
        if (!lines.isEmpty() || column != 0 || !content.equals("---")) {
          throw new NotQuick();
        }
      } else if (!content.isEmpty() && content.charAt(0) != '#') {
        lines.add(new Line(number, column, stripTrailing(content)));
      }
      number++;
      start = end + 1;
    }
    return lines;
  }

  private static String stripTrailing(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') {
      end--;
    }
    return s.substring(0, end);
  }

  private static boolean isListItem(String content) {
    return content.equals("-") || content.startsWith("- ");
  }

  /** A block mapping whose keys start at {@code indent}. */
  private YamlNode.Mapping mapping(int indent, int depth) {
    if (depth > MAX_DEPTH) {
      throw new NotQuick();
    }
    List<YamlNode.Entry> entries = new ArrayList<>();
    int startLine = lines.get(next).number;
    int startColumn = lines.get(next).column;
    while (next < lines.size() && lines.get(next).column == indent) {
      Line line = lines.get(next);
      if (isListItem(line.content)) {
        throw new NotQuick();
      }
      int colon = keyEnd(line.content);
      YamlNode.Scalar key = plain(line, 0, colon);
      String rest = line.content.substring(colon + 1);
      next++;
      YamlNode value;
      if (rest.isBlank() || rest.trim().startsWith("#")) {
        value = blockValue(indent, depth, true, line.number, line.column + colon + 1);
      } else {
        int offset = colon + 1 + leadingSpaces(rest);
        value = inlineValue(line, offset);
        if (next < lines.size() && lines.get(next).column > indent) {
          throw new NotQuick(); // a scalar continued on the next line
        }
      }
      entries.add(new YamlNode.Entry(key, value));
    }
    if (next < lines.size() && lines.get(next).column > indent) {
      throw new NotQuick();
    }
    return new YamlNode.Mapping(entries, startLine, startColumn);
  }

  /**
   * What follows {@code key:} or {@code -} with nothing after it on the line; after a key, a list
   * may sit at the key's own indentation.
   */
  private YamlNode blockValue(int indent, int depth, boolean afterKey, int line, int column) {
    if (next < lines.size()) {
      Line following = lines.get(next);
      if (following.column > indent) {
        return isListItem(following.content)
            ? sequence(following.column, depth + 1)
            : mapping(following.column, depth + 1);
      }
      if (afterKey && following.column == indent && isListItem(following.content)) {
        return sequence(indent, depth + 1); // a list may sit at its key's indentation
      }
    }
    return emptyScalar(line, column);
  }

  /** A block list whose dashes are at {@code indent}. */
  private YamlNode.Sequence sequence(int indent, int depth) {
    if (depth > MAX_DEPTH) {
      throw new NotQuick();
    }
    List<YamlNode> items = new ArrayList<>();
    int startLine = lines.get(next).number;
    int startColumn = lines.get(next).column;
    while (next < lines.size()
        && lines.get(next).column == indent
        && isListItem(lines.get(next).content)) {
      Line line = lines.get(next);
      String rest = line.content.substring(1);
      int offset = 1 + leadingSpaces(rest);
      if (offset >= line.content.length() || line.content.charAt(offset) == '#') {
        next++;
        items.add(blockValue(indent, depth, false, line.number, line.column + 1));
      } else if (isListItem(line.content.substring(offset))
          || keyEndOrMinus(line.content.substring(offset)) >= 0) {
        // "- key: value" or "- - item": the rest of the line starts a block at its own column
        line.column += offset;
        line.content = line.content.substring(offset);
        items.add(
            isListItem(line.content)
                ? sequence(line.column, depth + 1)
                : mapping(line.column, depth + 1));
      } else {
        next++;
        items.add(inlineValue(line, offset));
        if (next < lines.size() && lines.get(next).column > indent) {
          throw new NotQuick();
        }
      }
    }
    if (next < lines.size() && lines.get(next).column > indent) {
      throw new NotQuick();
    }
    return new YamlNode.Sequence(items, startLine, startColumn);
  }

  private static int leadingSpaces(String s) {
    int n = 0;
    while (n < s.length() && s.charAt(n) == ' ') {
      n++;
    }
    return n;
  }

  /** The index of the colon that ends a plain key at the start of {@code content}. */
  private static int keyEnd(String content) {
    int colon = keyEndOrMinus(content);
    if (colon < 0) {
      throw new NotQuick();
    }
    return colon;
  }

  private static int keyEndOrMinus(String content) {
    if (content.isEmpty() || INDICATORS.indexOf(content.charAt(0)) >= 0) {
      return -1;
    }
    for (int i = 0; i < content.length(); i++) {
      char c = content.charAt(i);
      if (c == '#' && content.charAt(i - 1) == ' ') {
        return -1;
      }
      if (c == ':' && (i + 1 == content.length() || content.charAt(i + 1) == ' ')) {
        return content.charAt(i - 1) == ' ' ? -1 : i;
      }
    }
    return -1;
  }

  /** The value that starts at {@code offset} and ends the line (a comment aside). */
  private static YamlNode inlineValue(Line line, int offset) {
    String content = line.content;
    char c = content.charAt(offset);
    if (c == '[' || c == '{') {
      return flow(line, offset);
    }
    if (c == '\'' || c == '"') {
      int end = quotedEnd(content, offset);
      if (!isBlankOrComment(content, end)) {
        throw new NotQuick();
      }
      return quoted(line, offset, end);
    }
    int end = plainEnd(content, offset, false);
    if (!isBlankOrComment(content, end)) {
      throw new NotQuick();
    }
    return plain(line, offset, end);
  }

  private static boolean isBlankOrComment(String content, int from) {
    int at = from + leadingSpaces(content.substring(from));
    return at == content.length() || (at > from && content.charAt(at) == '#');
  }

  /** The end of a plain scalar starting at {@code offset}, before its trailing spaces. */
  private static int plainEnd(String content, int offset, boolean inFlow) {
    char first = content.charAt(offset);
    if (INDICATORS.indexOf(first) >= 0) {
      boolean dashLike = first == '-' || first == '?' || first == ':';
      if (!dashLike || offset + 1 >= content.length() || content.charAt(offset + 1) == ' ') {
        throw new NotQuick();
      }
    }
    int end = offset;
    for (int i = offset; i < content.length(); i++) {
      char c = content.charAt(i);
      if (c == '#' && content.charAt(i - 1) == ' ') {
        break;
      }
      if (inFlow && (c == ',' || c == ']' || c == '}' || c == '[' || c == '{' || c == ':')) {
        break;
      }
      if (c == ':' && (i + 1 == content.length() || content.charAt(i + 1) == ' ')) {
        throw new NotQuick(); // a mapping where a scalar was expected
      }
      if (c != ' ') {
        end = i + 1;
      }
    }
    return end;
  }

  /** The index after the closing quote of the quoted scalar at {@code offset}. */
  private static int quotedEnd(String content, int offset) {
    char quote = content.charAt(offset);
    for (int i = offset + 1; i < content.length(); i++) {
      char c = content.charAt(i);
      if (c == '\\' && quote == '"') {
        throw new NotQuick(); // escapes: SnakeYAML's
      }
      if (c == quote) {
        if (quote == '\'' && i + 1 < content.length() && content.charAt(i + 1) == '\'') {
          i++;
          continue;
        }
        return i + 1;
      }
    }
    throw new NotQuick(); // a quoted scalar that goes on to the next line
  }

  private static YamlNode.Scalar plain(Line line, int start, int end) {
    if (start >= end) {
      throw new NotQuick();
    }
    return new YamlNode.Scalar(
        line.content.substring(start, end), true, line.number, line.column + start);
  }

  private static YamlNode.Scalar quoted(Line line, int start, int end) {
    char quote = line.content.charAt(start);
    String inner = line.content.substring(start + 1, end - 1);
    return new YamlNode.Scalar(
        quote == '\'' ? inner.replace("''", "'") : inner, false, line.number, line.column + start);
  }

  private static YamlNode.Scalar emptyScalar(int line, int column) {
    return new YamlNode.Scalar("", true, line, column);
  }

  /** A one-line flow list or mapping of scalars, e.g. {@code {warn: 70%, critical: 85%}}. */
  private static YamlNode flow(Line line, int offset) {
    String content = line.content;
    boolean isMapping = content.charAt(offset) == '{';
    char close = isMapping ? '}' : ']';
    List<YamlNode> items = new ArrayList<>();
    List<YamlNode.Entry> entries = new ArrayList<>();
    int i = offset + 1 + leadingSpaces(content.substring(offset + 1));
    if (content.charAt(i) != close) {
      while (true) {
        int[] end = new int[1];
        YamlNode.Scalar first = flowScalar(line, i, end);
        i = end[0] + leadingSpaces(content.substring(end[0]));
        if (isMapping) {
          if (content.charAt(i) != ':' || content.charAt(i + 1) != ' ') {
            throw new NotQuick();
          }
          i += 1 + leadingSpaces(content.substring(i + 1));
          YamlNode.Scalar value = flowScalar(line, i, end);
          i = end[0] + leadingSpaces(content.substring(end[0]));
          entries.add(new YamlNode.Entry(first, value));
        } else {
          items.add(first);
        }
        if (content.charAt(i) == close) {
          break;
        }
        if (content.charAt(i) != ',') {
          throw new NotQuick();
        }
        i += 1 + leadingSpaces(content.substring(i + 1));
        if (content.charAt(i) == close) {
          throw new NotQuick(); // a trailing comma
        }
      }
    }
    if (!isBlankOrComment(content, i + 1)) {
      throw new NotQuick();
    }
    return isMapping
        ? new YamlNode.Mapping(entries, line.number, line.column + offset)
        : new YamlNode.Sequence(items, line.number, line.column + offset);
  }

  /** A scalar inside a flow collection; {@code end[0]} is set to the index after it. */
  private static YamlNode.Scalar flowScalar(Line line, int offset, int[] end) {
    char c = line.content.charAt(offset);
    if (c == '\'' || c == '"') {
      end[0] = quotedEnd(line.content, offset);
      return quoted(line, offset, end[0]);
    }
    end[0] = plainEnd(line.content, offset, true);
    return plain(line, offset, end[0]);
  }
}
