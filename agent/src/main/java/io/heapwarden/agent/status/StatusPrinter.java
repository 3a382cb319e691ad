package io.heapwarden.agent.status;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Prints a {@link StatusSnapshot}: a table, one line per rule, or one JSON object. */
final class StatusPrinter {
  /** The table's columns: header, item, right-aligned. */
  private static final String[][] COLUMNS = {
    {"id", "id", "r"},
    {"rule", "target", "l"},
    {"kind", "kind", "l"},
    {"bound", "bound", "r"},
    {"size", "size", "r"},
    {"collections", "collections", "r"},
    {"evicted", "evictions", "r"},
    {"trimmed", "trims", "r"},
    {"created", "created", "r"},
    {"reused", "reuses", "r"},
    {"failed", "failures", "r"},
    {"matched", "matched", "l"},
    {"enabled", "enabled", "l"},
    {"limits", "limits", "l"},
  };

  private StatusPrinter() {}

  static void table(StatusSnapshot status, PrintStream out) {
    out.println(
        "Heapwarden "
            + status.version()
            + " in JVM "
            + status.pid()
            + ": "
            + (status.active()
                ? "active"
                : "inactive (every rule off: detached, or disabled by a failure)")
            + ", pressure "
            + status.pressureLevel()
            + ", config "
            + status.configFile());
    if (status.rules().isEmpty()) {
      out.println("No rules.");
      return;
    }
    List<String[]> rows = new ArrayList<>();
    String[] header = new String[COLUMNS.length];
    for (int c = 0; c < COLUMNS.length; c++) {
      header[c] = COLUMNS[c][0];
    }
    rows.add(header);
    for (Map<String, Object> rule : status.rules()) {
      String[] row = new String[COLUMNS.length];
      for (int c = 0; c < COLUMNS.length; c++) {
        row[c] = cell(rule.get(COLUMNS[c][1]));
      }
      rows.add(row);
    }
    int[] widths = new int[COLUMNS.length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        boolean last = c == row.length - 1;
        String padding = " ".repeat(widths[c] - row[c].length());
        line.append("  ");
        if (COLUMNS[c][2].equals("r")) {
          line.append(padding).append(row[c]);
        } else {
          line.append(row[c]).append(last ? "" : padding);
        }
      }
      out.println(line.toString().stripTrailing());
    }
  }

  /** -1 (does not apply) and a missing item show as {@code -}; booleans as yes or no. */
  private static String cell(@Nullable Object value) {
    if (value == null || (value instanceof Number && ((Number) value).longValue() == -1)) {
      return "-";
    }
    if (value instanceof Boolean) {
      return (Boolean) value ? "yes" : "no";
    }
    return value.toString();
  }

  static void json(StatusSnapshot status, PrintStream out) {
    out.println(jsonText(status));
  }

  /** The snapshot as one JSON object, what {@code status --json} and {@code /memory-stats} show. */
  static String jsonText(StatusSnapshot status) {
    StringBuilder json = new StringBuilder("{");
    json.append("\"pid\":").append(status.pid());
    json.append(",\"version\":").append(string(status.version()));
    json.append(",\"active\":").append(status.active());
    json.append(",\"configFile\":").append(string(status.configFile()));
    json.append(",\"pressureLevel\":").append(string(status.pressureLevel()));
    json.append(",\"rules\":[");
    boolean firstRule = true;
    for (Map<String, Object> rule : status.rules()) {
      json.append(firstRule ? "{" : ",{");
      firstRule = false;
      boolean firstItem = true;
      for (Map.Entry<String, Object> item : rule.entrySet()) {
        json.append(firstItem ? "" : ",").append(string(item.getKey())).append(':');
        firstItem = false;
        Object value = item.getValue();
        json.append(
            value instanceof Number || value instanceof Boolean
                ? value.toString()
                : string(String.valueOf(value)));
      }
      json.append('}');
    }
    json.append("]}");
    return json.toString();
  }

  /** A JSON string: quotes, backslashes and control characters escaped. */
  static String string(String value) {
    StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"':
          quoted.append("\\\"");
          break;
        case '\\':
          quoted.append("\\\\");
          break;
        case '\n':
          quoted.append("\\n");
          break;
        case '\r':
          quoted.append("\\r");
          break;
        case '\t':
          quoted.append("\\t");
          break;
        default:
          if (c < 0x20) {
            quoted.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
      }
    }
    return quoted.append('"').toString();
  }
}
