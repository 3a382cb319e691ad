package io.heapwarden.agent.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapwarden.agent.cli.HeapwardenCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import jdk.jfr.Recording;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code report FILE --html OUT} on recordings made in this JVM: the page is self-contained, holds
 * the recording's series, escapes what the recording says, and bad inputs get one line.
 */
class HtmlReportTest {
  private static final long MIB = 1024 * 1024;

  /** A rule name that would be markup and script if written as it is. */
  private static final String HOSTILE = "x.Cache.</script><img src=x onerror=alert(1)>\"'&";

  @TempDir Path dir;

  private final Console console = new Console();

  private int html(Path recording, Path page) {
    return ReportCommand.runHtml(recording.toString(), page.toString(), console.out, console.err);
  }

  private Path demoRecording() {
    try (TestRecording recording = new TestRecording()) {
      recording
          .activity(HOSTILE, "COLLECTION", "EVICTED", 40, 100, 100)
          .pressure("NORMAL", "WARN", 70, 300 * MIB, 512 * MIB)
          .pressure("WARN", "CRITICAL", 90, 300 * MIB, 512 * MIB)
          .commit("EmergencyTrim", "collections", 1, "sessions", 0, "dropped", 50L, "deferred", 0)
          .nudge("DiagnosticCommand GC.run", 90 * MIB, 50 * MIB, 200 * MIB, 180 * MIB, 45, "off")
          .pressure("CRITICAL", "NORMAL", 40, 300 * MIB, 512 * MIB)
          .activity(HOSTILE, "COLLECTION", "EVICTED", 60, 50, 50)
          .activity("x.Pool.instance", "SINGLETON", "REUSED", 9, -1, -1);
      return recording.dump(dir.resolve("demo.jfr"));
    }
  }

  private static String dataBlock(String page) {
    Matcher data =
        Pattern.compile("<script type=\"application/json\" id=\"heapwarden-data\">(.*?)</script>")
            .matcher(page);
    assertThat(data.find()).as(page).isTrue();
    return data.group(1);
  }

  @Test
  void writesOneSelfContainedPageWithTheChartsSeries() throws IOException {
    Path page = dir.resolve("report.html");

    assertThat(html(demoRecording(), page)).as(console.stderr()).isZero();

    assertThat(console.stdout()).isEqualTo("heapwarden report: wrote " + page + "\n");
    String text = Files.readString(page, StandardCharsets.UTF_8);
    // uPlot inlined, with its licence; nothing fetched from anywhere
    assertThat(text)
        .contains("/*! https://github.com/leeoniya/uPlot (v1.6.30) */")
        .contains("Copyright (c) 2022 Leon Sorokin")
        .contains(".uplot")
        .doesNotContain("<script src", "<link", "http://", "@import");
    String data = dataBlock(text);
    // memory: the pressure guard's readings in MiB, the level 0-2, the nudge and the trim
    assertThat(data)
        .contains("{\"id\":\"memory\"")
        .contains("\"label\":\"heap after GC\",\"style\":\"line\",\"scale\":\"bytes\"")
        .contains("\"v\":[70,90,40]")
        .contains("\"label\":\"working set\"")
        .contains("\"label\":\"container limit\",\"style\":\"step\",\"scale\":\"bytes\"")
        .contains("\"v\":[512,512,512,512]")
        .contains("\"label\":\"pressure level\",\"style\":\"step\",\"scale\":\"level\"")
        .contains("\"v\":[0,1,2,0,0]")
        .contains("\"label\":\"GC nudge (heap before)\",\"style\":\"points\"")
        .contains("\"label\":\"emergency trim\",\"style\":\"points\"")
        .contains("{\"id\":\"evictions\"")
        .contains("{\"id\":\"rule-0\"")
        // the singleton has no size: no chart of its own
        .doesNotContain("rule-1", "x.Pool.instance");
    // the rule's size against its bound
    assertThat(data).contains("\"label\":\"size\",\"style\":\"line\",\"scale\":\"count\"");
    assertThat(data).contains("\"v\":[100,50]");
    // the evictions of events committed within half a second: one bar, 40 + 60
    assertThat(data)
        .containsPattern(
            "\"label\":\"entries evicted\",\"style\":\"bars\",\"scale\":\"count\","
                + "\"t\":\\[[0-9.]+\\],\"v\":\\[100\\]");
    assertThat(text).contains("<body data-charts-expected=\"3\">");
  }

  @Test
  void drawsTheJdksHeapAfterEachGcNextToTheGuardsReadings() throws IOException {
    Path file;
    try (TestRecording recording = new TestRecording()) {
      recording.enable("jdk.GCHeapSummary").enable("jdk.GCHeapConfiguration");
      recording.activity("x.Cache.entries", "COLLECTION", "EVICTED", 1, 1, 1);
      System.gc();
      file = recording.dump(dir.resolve("gc.jfr"));
    }
    Path page = dir.resolve("report.html");

    assertThat(html(file, page)).as(console.stderr()).isZero();

    Matcher heap =
        Pattern.compile("\"label\":\"heap after GC\",[^]]*\\],\"v\":\\[([0-9.,]+)\\]")
            .matcher(dataBlock(Files.readString(page, StandardCharsets.UTF_8)));
    assertThat(heap.find()).isTrue();
    // one point per collection, after it only (never the "Before GC" summary), in MiB
    long heapUsed = 0;
    for (jdk.jfr.consumer.RecordedEvent event :
        jdk.jfr.consumer.RecordingFile.readAllEvents(file)) {
      if (event.getEventType().getName().equals("jdk.GCHeapSummary")
          && event.getString("when").equals("After GC")) {
        heapUsed++;
      }
    }
    assertThat(heapUsed).isPositive();
    assertThat(heap.group(1).split(",")).hasSize((int) heapUsed);
  }

  @Test
  void escapesWhatTheRecordingSaysInMarkupAndInTheDataBlock() throws IOException {
    Path page = dir.resolve("report.html");

    assertThat(html(demoRecording(), page)).as(console.stderr()).isZero();

    String text = Files.readString(page, StandardCharsets.UTF_8);
    assertThat(text).doesNotContain("<img", "alert(1)>");
    // the rules table, as text
    assertThat(text)
        .contains(
            "<td>x.Cache.&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&quot;&#39;&amp;</td>");
    // the chart title, as a JSON string that cannot end the script element
    assertThat(dataBlock(text))
        .contains(
            "\"title\":\"x.Cache.\\u003c/script\\u003e\\u003cimg src=x onerror=alert(1)\\u003e"
                + "\\\"'\\u0026\"");
    // every script element the page opens is one it meant to: the trap, data, uPlot, ours
    assertThat(count(text, "<script")).isEqualTo(4);
    assertThat(count(text, "</script>")).isEqualTo(4);
  }

  private static int count(String text, String what) {
    int n = 0;
    for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void aFileNameIsEscapedInTheTitleAndHeader() throws IOException {
    Path odd = Files.copy(demoRecording(), dir.resolve("a<b>&c.jfr"));
    Path page = dir.resolve("report.html");

    assertThat(html(odd, page)).as(console.stderr()).isZero();

    String text = Files.readString(page, StandardCharsets.UTF_8);
    assertThat(text).contains("<title>Heapwarden report: " + dir + "/a&lt;b&gt;&amp;c.jfr</title>");
    assertThat(text).doesNotContain("a<b>");
  }

  @Test
  void replacesAnEarlierPage() throws IOException {
    Path page = Files.writeString(dir.resolve("report.html"), "old");

    assertThat(html(demoRecording(), page)).isZero();

    assertThat(Files.readString(page)).startsWith("<!DOCTYPE html>");
    try (var left = Files.list(dir)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrder("demo.jfr", "report.html");
    }
  }

  @Test
  void badRecordingsGetTheTextReportsLineAndNoPage() throws IOException {
    Path page = dir.resolve("report.html");
    Path yaml = Files.writeString(dir.resolve("heapwarden.yaml"), "collections: []\n");
    byte[] whole = Files.readAllBytes(demoRecording());
    Path half = Files.write(dir.resolve("half.jfr"), Arrays.copyOf(whole, whole.length / 2));
    Path jdkOnly = dir.resolve("jdk-only.jfr");
    try (Recording recording = new Recording()) {
      recording.enable("jdk.JVMInformation");
      recording.start();
      recording.stop();
      recording.dump(jdkOnly);
    }

    assertThat(html(dir.resolve("nope.jfr"), page)).isEqualTo(ReportCommand.EXIT_NO_FILE);
    assertThat(html(yaml, page)).isEqualTo(ReportCommand.EXIT_NOT_JFR);
    assertThat(html(half, page)).isEqualTo(ReportCommand.EXIT_DAMAGED);
    assertThat(html(jdkOnly, page)).isEqualTo(ReportCommand.EXIT_NO_HEAPWARDEN_EVENTS);

    String[] lines = console.stderr().split("\n");
    assertThat(lines).hasSize(4);
    assertThat(lines[0])
        .isEqualTo("heapwarden report: " + dir.resolve("nope.jfr") + ": no such file");
    assertThat(lines[1]).startsWith("heapwarden report: " + yaml + ": not a JFR recording");
    assertThat(lines[2]).startsWith("heapwarden report: " + half + ": truncated or damaged");
    assertThat(lines[3]).startsWith("heapwarden report: " + jdkOnly + ": no Heapwarden events");
    assertThat(page).doesNotExist();
    assertThat(console.stdout()).isEmpty();
  }

  @Test
  void aPageThatCannotBeWrittenIsOneLineAndExit8() throws IOException {
    Path recording = demoRecording();
    Path noDir = dir.resolve("missing").resolve("report.html");

    assertThat(html(recording, noDir)).isEqualTo(ReportCommand.EXIT_CANNOT_WRITE).isEqualTo(8);
    assertThat(html(recording, dir)).isEqualTo(8);

    assertThat(console.stderr())
        .isEqualTo(
            "heapwarden report: "
                + noDir
                + ": no such directory\n"
                + "heapwarden report: "
                + dir
                + ": is a directory\n");
    assertThat(console.stdout()).isEmpty();
  }

  @Test
  void theCliTakesTheOptionAfterOrBeforeTheFile() throws IOException {
    Path recording = demoRecording();
    Path after = dir.resolve("after.html");
    Path before = dir.resolve("before.html");

    assertThat(
            HeapwardenCli.run(
                new String[] {"report", recording.toString(), "--html", after.toString()},
                console.out,
                console.err))
        .isZero();
    assertThat(
            HeapwardenCli.run(
                new String[] {"report", "--html", before.toString(), recording.toString()},
                console.out,
                console.err))
        .isZero();
    assertThat(
            HeapwardenCli.run(
                new String[] {"report", recording.toString(), "--html"}, console.out, console.err))
        .isEqualTo(HeapwardenCli.EXIT_USAGE);

    assertThat(after).exists();
    assertThat(before).exists();
    assertThat(console.stderr())
        .startsWith("heapwarden report expects FILE or FILE --html OUT, got 2 arguments\n");
  }

  @Test
  void refusesToInlineAResourceThatWouldEndItsElement() {
    assertThatThrownBy(() -> HtmlPage.inline("report.css", "{"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("report.css contains {: cannot inline it");
    assertThat(HtmlPage.inline("uplot/uPlot.iife.min.js", "</script")).startsWith("/*! ");
  }

  @Test
  void jsonStringsCannotEndAScriptAndNumbersHaveNoExponent() {
    assertThat(Json.string("a\"b\\c\nd</script>&\u2028\u0001"))
        .isEqualTo("\"a\\\"b\\\\c\\nd\\u003c/script\\u003e\\u0026\\u2028\\u0001\"");
    assertThat(Json.number(1.0)).isEqualTo("1");
    assertThat(Json.number(0.0004)).isEqualTo("0");
    assertThat(Json.number(-0.0001)).isEqualTo("0");
    assertThat(Json.number(1234567.8915)).isEqualTo("1234567.892");
    assertThat(Json.number(1e20)).isEqualTo("100000000000000000000");
    assertThat(Json.number(Double.NaN)).isEqualTo("null");
    assertThat(Html.escape("<a href='x'>\"&\u0007</a>"))
        .isEqualTo("&lt;a href=&#39;x&#39;&gt;&quot;&amp;\uFFFD&lt;/a&gt;");
  }
}
