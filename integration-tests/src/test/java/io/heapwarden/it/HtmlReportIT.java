package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.pressure.RetainingService;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.HeadlessChromium;
import io.heapwarden.it.harness.ItEnvironment;
import io.heapwarden.it.harness.JvmResult;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * {@code report FILE --html OUT} on the recording of a real run, opened in headless Chromium: the
 * charts drew (canvases, points and painted pixels), nothing failed in the page, and a screenshot
 * is left at {@code target/html-report/report.png}.
 */
class HtmlReportIT {
  /** A cache ramped past critical heap pressure, telemetry each second: every chart has points. */
  private static final String PRESSURE_RULES =
      """
      collections:
        - field: io.heapwarden.it.fixtures.pressure.RetainingService.cache
          max-entries: 1100
      pressure:
        heap: {warn: 55%, critical: 70%}
      telemetry:
        interval: 1s
      """;

  private static final Pattern CHART =
      Pattern.compile(
          "<section class=\"chart\" id=\"chart-([a-z0-9-]+)\" data-points=\"(\\d+)\""
              + " data-painted=\"(\\d+)\">");

  private static JvmResult cli(String... args) {
    return AgentJvm.forJar(ItEnvironment.agentJar()).args(args).run();
  }

  @Test
  void theHtmlReportOfARealRunRendersItsChartsInChromium() throws IOException {
    assertThat(HeadlessChromium.installed())
        .as("/usr/bin/chromium: install Debian's chromium package (.ci/run does)")
        .isTrue();
    AgentJvm jvm =
        AgentJvm.forMainClass(RetainingService.class)
            .withConfig(PRESSURE_RULES)
            .jvmArgs("-Xmx128m", "-XX:+UseG1GC")
            .args("1100", "100000", "4000");
    JvmResult jfc = cli("jfc");
    assertThat(jfc.exitCode()).as(jfc.output()).isZero();
    Path settings = jvm.workspace().write("heapwarden.jfc", jfc.stdout());
    Path recording = jvm.workspace().dir().resolve("heapwarden.jfr");
    JvmResult run =
        jvm.jvmArgs(
                "-XX:StartFlightRecording:settings="
                    + settings
                    + ",filename="
                    + recording
                    + ",dumponexit=true")
            .run();
    assertThat(run.exitCode()).as(run.output()).isZero();

    Path page = jvm.workspace().dir().resolve("report.html");
    JvmResult report = cli("report", recording.toString(), "--html", page.toString());
    assertThat(report.exitCode()).as(report.output()).isZero();
    assertThat(report.stdout()).isEqualTo("heapwarden report: wrote " + page + "\n");

    HeadlessChromium.Run dom = HeadlessChromium.dumpDom(page, jvm.workspace().dir(), 10_000);
    assertThat(dom.exitCode()).as(dom.stderr()).isZero();
    String html = dom.stdout();
    Matcher expected = Pattern.compile("data-charts-expected=\"(\\d+)\"").matcher(html);
    assertThat(expected.find()).as(html).isTrue();
    int charts = Integer.parseInt(expected.group(1));
    // memory, evictions and the rule's size against its bound
    assertThat(charts).isGreaterThanOrEqualTo(3);
    // the body as the page's script left it: all charts drawn, no data-errors (set by its trap)
    assertThat(html)
        .as("the page's script ran to the end and caught no error")
        .contains("<body data-charts-expected=\"" + charts + "\" data-rendered=\"" + charts + "\">")
        .contains("<pre id=\"errors\" hidden=\"\"></pre>");
    assertThat(dom.consoleLines()).as("console messages").isEmpty();
    Set<String> drawn = new HashSet<>();
    Matcher chart = CHART.matcher(html);
    while (chart.find()) {
      drawn.add(chart.group(1));
      assertThat(Long.parseLong(chart.group(2))).as("points of " + chart.group(1)).isPositive();
      assertThat(Long.parseLong(chart.group(3))).as("pixels of " + chart.group(1)).isPositive();
    }
    assertThat(drawn).hasSize(charts).contains("memory", "evictions", "rule-0");
    assertThat(count(html, "<canvas")).isEqualTo(charts);
    // the memory chart's legend: what it was asked to draw
    assertThat(html)
        .contains("heap after GC", "pressure level", "GC nudge (heap before)", "emergency trim");

    Path png = ItEnvironment.workRoot().getParent().resolve("html-report").resolve("report.png");
    Files.createDirectories(png.getParent());
    Files.deleteIfExists(png);
    HeadlessChromium.Run shot =
        HeadlessChromium.screenshot(page, png, 1400, 2000, jvm.workspace().dir());
    assertThat(shot.exitCode()).as(shot.stderr()).isZero();
    assertThat(shot.consoleLines()).isEmpty();
    BufferedImage image = ImageIO.read(png.toFile());
    assertThat(image.getWidth()).isEqualTo(1400);
    assertThat(image.getHeight()).isEqualTo(2000);
    assertThat(colours(image)).as("distinct colours in " + png).isGreaterThan(20);
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
      n++;
    }
    return n;
  }

  /** A blank or failed page is one or two colours; charts with text and lines are many. */
  private static int colours(BufferedImage image) {
    Set<Integer> seen = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 2) {
      for (int x = 0; x < image.getWidth(); x += 2) {
        seen.add(image.getRGB(x, y));
      }
    }
    return seen.size();
  }
}
