package io.heapwarden.agent.pressure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeapDumperTest {
  @TempDir Path dir;

  @Test
  void thePidReplacesPercentP() {
    assertThat(HeapDumper.resolve("/tmp/hw-%p.hprof", 4242))
        .isEqualTo(Path.of("/tmp/hw-4242.hprof"));
  }

  @Test
  void writesOneCompleteDumpAndNeverASecond() throws IOException {
    HeapDumper dumper = new HeapDumper();
    Path target = dir.resolve("dump.hprof");

    Path written = dumper.dump(target);

    assertThat(written).isEqualTo(target.toAbsolutePath());
    assertThat(Files.size(target)).isGreaterThan(1000);
    assertThat(
            new String(
                Files.readAllBytes(target), 0, 12, java.nio.charset.StandardCharsets.US_ASCII))
        .isEqualTo("JAVA PROFILE");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).as("no temporary file left").containsExactly(target);
    }
    assertThatThrownBy(() -> dumper.dump(dir.resolve("second.hprof")))
        .isInstanceOf(IllegalStateException.class);
    assertThat(dir.resolve("second.hprof")).doesNotExist();
  }

  @Test
  void anExistingFileIsNotOverwritten() throws IOException {
    Path target = dir.resolve("dump.hprof");
    Files.writeString(target, "keep me");

    assertThatThrownBy(() -> new HeapDumper().dump(target)).isInstanceOf(IOException.class);

    assertThat(target).hasContent("keep me");
  }
}
