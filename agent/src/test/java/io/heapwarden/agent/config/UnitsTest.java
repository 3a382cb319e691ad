package io.heapwarden.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UnitsTest {

  @ParameterizedTest
  @CsvSource({
    "0, 0",
    "1, 1",
    "512, 512",
    "512B, 512",
    "512KB, 524288",
    "512KiB, 524288",
    "512k, 524288",
    "10MB, 10485760",
    "10MiB, 10485760",
    "10mb, 10485760",
    "10 MB, 10485760",
    "1GB, 1073741824",
    "1GiB, 1073741824",
    "1g, 1073741824",
    "2TB, 2199023255552",
    "-5MB, -5242880",
    "+3KB, 3072",
  })
  void parsesSizesWith1024BasedUnits(String text, long bytes) throws Exception {
    assertThat(Units.parseSize(text)).isEqualTo(bytes);
  }

  @Test
  void rejectsUnknownSizeUnits() {
    assertThatThrownBy(() -> Units.parseSize("10MBs"))
        .hasMessage("unknown size unit 'MBs' in '10MBs'")
        .extracting(e -> ((ConfigValueException) e).hint())
        .isEqualTo(
            "use B, KB, MB, GB, TB or KiB, MiB, GiB, TiB, all 1024-based; a bare number means"
                + " bytes");
    assertThatThrownBy(() -> Units.parseSize("10PB"))
        .hasMessage("unknown size unit 'PB' in '10PB'");
  }

  @Test
  void rejectsSizesThatAreNotQuantities() {
    assertThatThrownBy(() -> Units.parseSize("big"))
        .hasMessage("must be a size like 10MB, got 'big'");
    assertThatThrownBy(() -> Units.parseSize("10MB2"))
        .hasMessage("must be a size like 10MB, got '10MB2'");
    assertThatThrownBy(() -> Units.parseSize("")).hasMessage("must be a size like 10MB, got ''");
  }

  @Test
  void rejectsFractionalAndOverflowingSizes() {
    assertThatThrownBy(() -> Units.parseSize("1.5GB"))
        .hasMessage("must be a whole number of units, got 1.5GB");
    assertThatThrownBy(() -> Units.parseSize("9999999999TB"))
        .hasMessage("is too large, got 9999999999TB");
    assertThatThrownBy(() -> Units.parseSize("99999999999999999999"))
        .hasMessage("is too large, got 99999999999999999999");
  }

  @ParameterizedTest
  @CsvSource({
    "500ms, PT0.5S",
    "30s, PT30S",
    "10m, PT10M",
    "2h, PT2H",
    "1d, PT24H",
    "1D, PT24H",
    "0s, PT0S",
  })
  void parsesDurationsWithUnits(String text, Duration expected) throws Exception {
    assertThat(Units.parseDuration(text)).isEqualTo(expected);
  }

  @Test
  void rejectsABareNumberAsADurationWithAHint() {
    assertThatThrownBy(() -> Units.parseDuration("10"))
        .hasMessage("needs a unit, got 10")
        .extracting(e -> ((ConfigValueException) e).hint())
        .isEqualTo("write 10s for seconds; the units are ms, s, m, h or d");
  }

  @Test
  void rejectsUnknownDurationUnits() {
    assertThatThrownBy(() -> Units.parseDuration("10min"))
        .hasMessage("unknown duration unit 'min' in '10min'")
        .extracting(e -> ((ConfigValueException) e).hint())
        .isEqualTo("use ms, s, m, h or d, e.g. 10s");
    assertThatThrownBy(() -> Units.parseDuration("1.5s"))
        .hasMessage("must be a whole number of units, got 1.5s");
    assertThatThrownBy(() -> Units.parseDuration("soon"))
        .hasMessage("must be a duration like 10s, got 'soon'");
    assertThatThrownBy(() -> Units.parseDuration("PT10S"))
        .hasMessage("must be a duration like 10s, got 'PT10S'");
  }

  @ParameterizedTest
  @CsvSource({"75%, 0.75", "0%, 0", "100%, 1", "12.5%, 0.125", "75 %, 0.75"})
  void parsesRatiosAsPercentages(String text, double fraction) throws Exception {
    assertThat(Units.parseRatio(text)).isEqualTo(fraction);
  }

  @Test
  void rejectsRatiosThatAreNotPercentages() {
    assertThatThrownBy(() -> Units.parseRatio("0.75"))
        .hasMessage("must be a percentage like 75%, got 0.75")
        .extracting(e -> ((ConfigValueException) e).hint())
        .isEqualTo("write 75%");
    assertThatThrownBy(() -> Units.parseRatio("80"))
        .extracting(e -> ((ConfigValueException) e).hint())
        .isEqualTo("write 80%");
    assertThatThrownBy(() -> Units.parseRatio("150%"))
        .hasMessage("must be between 0% and 100%, got 150%");
    assertThatThrownBy(() -> Units.parseRatio("-1%"))
        .hasMessage("must be between 0% and 100%, got -1%");
    assertThatThrownBy(() -> Units.parseRatio("half"))
        .hasMessage("must be a percentage like 75%, got 'half'");
    assertThatThrownBy(() -> Units.parseRatio("75MB"))
        .hasMessage("must be a percentage like 75%, got 75MB");
  }

  @Test
  void printsQuantitiesInTheLargestExactUnit() {
    assertThat(Units.formatSize(10L << 20)).isEqualTo("10MB");
    assertThat(Units.formatSize(1536L << 10)).isEqualTo("1536KB");
    assertThat(Units.formatSize(1L << 30)).isEqualTo("1GB");
    assertThat(Units.formatSize(1000)).isEqualTo("1000B");
    assertThat(Units.formatDuration(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(Units.formatDuration(Duration.ofSeconds(120))).isEqualTo("2m");
    assertThat(Units.formatDuration(Duration.ofDays(1))).isEqualTo("1d");
    assertThat(Units.formatDuration(Duration.ofSeconds(10))).isEqualTo("10s");
    assertThat(Units.formatRatio(0.75)).isEqualTo("75%");
    assertThat(Units.formatRatio(0.125)).isEqualTo("12.5%");
  }

  @Test
  void printedQuantitiesParseBack() throws Exception {
    for (long bytes : new long[] {1, 1000, 1024, 5L << 20, 3L << 30, (7L << 40) + 1}) {
      assertThat(Units.parseSize(Units.formatSize(bytes))).isEqualTo(bytes);
    }
    for (long millis : new long[] {1, 999, 1000, 90_000, 3_600_000, 86_400_000, 90_061_001}) {
      Duration duration = Duration.ofMillis(millis);
      assertThat(Units.parseDuration(Units.formatDuration(duration))).isEqualTo(duration);
    }
  }
}
