package io.heapwarden.agent.report;

import static io.heapwarden.agent.report.Html.escape;
import static io.heapwarden.agent.report.Units.count;
import static io.heapwarden.agent.report.Units.nanos;
import static io.heapwarden.agent.report.Units.plural;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * The HTML report: one self-contained page (uPlot's script and style inlined from the agent jar,
 * the chart data as a JSON block, no request leaves the page). Every recording-derived string is
 * escaped: {@link Html} in markup, {@link Json} in the data block.
 */
final class HtmlPage {
  private static final String UPLOT_JS = "uplot/uPlot.iife.min.js";
  private static final String UPLOT_LICENSE = "uplot/LICENSE";
  private static final String UPLOT_CSS = "uplot/uPlot.min.css";
  private static final String REPORT_JS = "report.js";
  private static final String REPORT_CSS = "report.css";

  private final RecordingSummary summary;
  private final ChartSeries series;

  HtmlPage(RecordingSummary summary, ChartSeries series) {
    this.summary = summary;
    this.series = series;
  }

  String write(String file) {
    ChartJson data = new ChartJson(series, summary.first, summary.last);
    String json = data.write();
    StringBuilder page = new StringBuilder(96 * 1024 + json.length());
    page.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>Heapwarden report: ")
        .append(escape(file))
        .append("</title>\n")
        .append("<style>")
        .append(inline(UPLOT_CSS, "</style"))
        .append("</style>\n<style>")
        .append(inline(REPORT_CSS, "</style"))
        .append("</style>\n</head>\n")
        .append("<body data-charts-expected=\"")
        .append(data.charts())
        .append("\">\n")
        // first, so that an error in anything after it is shown and found by tests
        .append("<pre id=\"errors\" hidden></pre>\n<script>")
        .append(ERROR_TRAP)
        .append("</script>\n");
    header(page, file);
    rules(page);
    page.append("<div id=\"charts\"></div>\n")
        .append("<script type=\"application/json\" id=\"heapwarden-data\">")
        .append(json)
        .append("</script>\n<script>/* uPlot ")
        .append(UPLOT_JS)
        .append(", its licence:\n")
        .append(inline(UPLOT_LICENSE, "</script", "*/"))
        .append("*/\n")
        .append(inline(UPLOT_JS, "</script"))
        .append("</script>\n<script>")
        .append(inline(REPORT_JS, "</script"))
        .append("</script>\n</body>\n</html>\n");
    return page.toString();
  }

  /** Errors and console errors go into the page, where a reader and a headless browser see them. */
  private static final String ERROR_TRAP =
      "(function(){var box=document.getElementById('errors');"
          + "function show(m){box.hidden=false;box.textContent+=m+'\\n';"
          + "document.body.setAttribute('data-errors',String(box.textContent.split('\\n')"
          + ".length-1));}"
          + "window.addEventListener('error',function(e){show('error: '+e.message);});"
          + "var original=console.error;console.error=function(){"
          + "show('console.error: '+Array.prototype.join.call(arguments,' '));"
          + "original.apply(console,arguments);};})();";

  private void header(StringBuilder page, String file) {
    page.append("<h1>Heapwarden report</h1>\n<p class=\"meta\">")
        .append(escape(file))
        .append("<br>")
        .append(escape(Units.time(summary.first)))
        .append(" to ")
        .append(escape(Units.time(summary.last)))
        .append(" (")
        .append(escape(nanos(Duration.between(summary.first, summary.last).toNanos())))
        .append("), ")
        .append(escape(plural(summary.heapwardenEvents, "Heapwarden event", "Heapwarden events")))
        .append("<br>")
        .append(
            escape(
                plural(summary.count("MemoryPressure"), "pressure change", "pressure changes")
                    + ", "
                    + plural(summary.count("EmergencyTrim"), "emergency trim", "emergency trims")
                    + ", "
                    + plural(summary.count("GcNudge"), "GC nudge", "GC nudges")
                    + ", "
                    + plural(summary.sessionsEvicted(), "session evicted", "sessions evicted")
                    + "; times on the charts are seconds since "
                    + Units.time(summary.first)))
        .append("</p>\n");
  }

  private void rules(StringBuilder page) {
    page.append("<h2>Rules</h2>\n");
    if (summary.rules.isEmpty()) {
      page.append("<p>No rule activity in this recording.</p>\n");
      return;
    }
    page.append(
        "<table id=\"rules\"><thead><tr><th>rule</th><th>kind</th><th>bound</th><th>size</th>"
            + "<th>peak</th><th>evicted</th><th>trimmed</th><th>created</th><th>reused</th>"
            + "<th>failed</th></tr></thead><tbody>\n");
    for (RuleTotals rule : summary.rules.values()) {
      page.append("<tr><td>").append(escape(rule.rule)).append("</td>");
      cell(page, rule.kind);
      cell(page, count(rule.bound));
      cell(page, count(rule.size));
      cell(page, count(rule.peakSize));
      for (RuleTotals.Action action : RuleTotals.Action.values()) {
        cell(page, Long.toString(rule.count(action)));
      }
      page.append("</tr>\n");
    }
    page.append("</tbody></table>\n");
    if (series.rules.size() > ChartJson.MAX_RULE_CHARTS) {
      page.append(
          String.format(
              Locale.ROOT,
              "<p>Charts for the %d rules with the most activity of %d.</p>%n",
              ChartJson.MAX_RULE_CHARTS,
              series.rules.size()));
    }
  }

  private static void cell(StringBuilder page, String text) {
    page.append("<td>").append(escape(text)).append("</td>");
  }

  /**
   * A resource of this package as text; none of {@code closings} (the end tag of the element it
   * goes in) may occur in it, or the page would end the element early.
   */
  static String inline(String resource, String... closings) {
    try (InputStream in = HtmlPage.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("the agent jar lacks " + resource);
      }
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String closing : closings) {
        if (text.toLowerCase(Locale.ROOT).contains(closing)) {
          throw new IllegalStateException(resource + " contains " + closing + ": cannot inline it");
        }
      }
      return text;
    } catch (IOException unreadable) {
      throw new UncheckedIOException(unreadable);
    }
  }
}
