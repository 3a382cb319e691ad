package io.heapwarden.agent.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check FILE --classpath ...}: the rules resolved against the application's classes. */
class CheckClasspathTest {
  private static final String VETS = "io.heapwarden.agent.resolve.fixtures.Vets";
  private static final String VETS_FILE = VETS.replace('.', '/') + ".class";

  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return HeapwardenCli.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private Path config(String field) throws IOException {
    return Files.writeString(
        dir.resolve("heapwarden.yaml"),
        "collections:\n  - field: " + VETS + "." + field + "\n    max-entries: 10\n");
  }

  private static byte[] vets() throws IOException {
    try (InputStream in = CheckClasspathTest.class.getResourceAsStream("/" + VETS_FILE)) {
      return Objects.requireNonNull(in).readAllBytes();
    }
  }

  private Path classesDir() throws IOException {
    Path file = dir.resolve("classes").resolve(VETS_FILE);
    Files.createDirectories(file.getParent());
    Files.write(file, vets());
    return dir.resolve("classes");
  }

  @Test
  void rulesThatResolveExitWithZeroAndSaySo() throws IOException {
    Path config = config("vets");
    Path empty = Files.createDirectories(dir.resolve("empty"));

    int status =
        run("check", config.toString(), "--classpath", empty + File.pathSeparator + classesDir());

    assertThat(status).isEqualTo(HeapwardenCli.EXIT_OK);
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .startsWith("OK " + config)
        .endsWith("# classpath: 1 of 1 rule targets resolved against 1 classes in 2 entries\n");
  }

  @Test
  void aMisspeltFieldInAFatJarIsPrintedWithItsPlaceAndExitsWithSeven() throws IOException {
    Path config = config("vetz");
    Path fatJar = dir.resolve("service.jar");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(fatJar))) {
      zip.putNextEntry(new ZipEntry("BOOT-INF/classes/" + VETS_FILE));
      zip.write(vets());
      zip.closeEntry();
    }

    int status = run("check", config.toString(), "--classpath", fatJar.toString());

    assertThat(status).isEqualTo(HeapwardenCli.EXIT_UNRESOLVED).isEqualTo(7);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo(
            config
                + ":2:5: collections[0].field: rule "
                + VETS
                + ".vetz: class "
                + VETS
                + " declares no field 'vetz' (hint: did you mean 'vets'?)\n");
    assertThat(out.toString(StandardCharsets.UTF_8))
        .endsWith("# classpath: 0 of 1 rule targets resolved against 1 classes in 1 entry\n");
  }

  @Test
  void aClasspathEntryThatIsNotThereIsAUsageError() throws IOException {
    Path config = config("vets");

    assertThat(run("check", config.toString(), "--classpath", dir.resolve("nope.jar").toString()))
        .isEqualTo(HeapwardenCli.EXIT_USAGE);
    assertThat(run("check", config.toString(), "--classpath")).isEqualTo(HeapwardenCli.EXIT_USAGE);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("nope.jar: no such file or directory")
        .contains("--classpath expects a jar or directory");
  }

  @Test
  void anInvalidConfigIsStillExitOneBeforeAnyClassIsRead() throws IOException {
    Path config = Files.writeString(dir.resolve("bad.yaml"), "collections:\n  - field: x\n");

    assertThat(run("check", config.toString(), "--classpath", classesDir().toString()))
        .isEqualTo(HeapwardenCli.EXIT_INVALID);
  }
}
