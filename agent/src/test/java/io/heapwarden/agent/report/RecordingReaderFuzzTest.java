package io.heapwarden.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Any file given to {@code report} or {@code suggest}: a summary, or {@link UnusableRecording} with
 * its one line and exit status; no other exception (the CLI would print a stack trace). Seeds:
 * {@code RecordingReaderFuzzTestInputs/}, recordings of the agent's own events, whole and cut.
 */
class RecordingReaderFuzzTest {
  @FuzzTest(maxDuration = "3m")
  void anyFileGivesASummaryOrOneLine(byte[] content) throws IOException {
    Path file = Files.createTempFile("fuzz", ".jfr");
    try {
      Files.write(file, content);
      try {
        RecordingSummary summary = RecordingReader.read(file);
        assertThat(summary).isNotNull();
      } catch (UnusableRecording unusable) {
        assertThat(unusable.getMessage()).startsWith(file.toString()).doesNotContain("\n");
        assertThat(unusable.exitCode).isBetween(3, 6);
      }
    } finally {
      Files.delete(file);
    }
  }
}
