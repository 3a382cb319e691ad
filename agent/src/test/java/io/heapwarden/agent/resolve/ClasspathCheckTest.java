package io.heapwarden.agent.resolve;

import static io.heapwarden.agent.resolve.FeedbackFixtures.LIBRARY_CACHE;
import static io.heapwarden.agent.resolve.FeedbackFixtures.VETS;
import static io.heapwarden.agent.resolve.FeedbackFixtures.classFile;
import static io.heapwarden.agent.resolve.FeedbackFixtures.targets;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check --classpath}'s resolution, on a directory, a jar and a Spring Boot fat jar. */
class ClasspathCheckTest {
  @TempDir Path dir;

  /** One rule that resolves, one misspelt field, one wrong type, one missing class. */
  private List<RuleTarget> rules() {
    return targets(
        dir,
        "collections:\n"
            + "  - field: "
            + VETS
            + ".vets\n"
            + "    max-entries: 10\n"
            + "  - field: "
            + VETS
            + ".specialtys\n"
            + "    max-entries: 10\n"
            + "  - field: "
            + VETS
            + ".names\n"
            + "    max-entries: 10\n"
            + "instances:\n"
            + "  - class: io.heapwarden.agent.resolve.fixtures.Vet\n"
            + "    max-live: 3\n");
  }

  private static List<String> formatted(ClasspathCheck.Outcome outcome) {
    return outcome.problems().stream().map(RuleProblem::format).toList();
  }

  private static void assertTheThreeProblems(ClasspathCheck.Outcome outcome, String where) {
    assertThat(formatted(outcome))
        .containsExactly(
            "heapwarden.yaml:4:5: collections[1].field: rule "
                + VETS
                + ".specialtys: class "
                + VETS
                + " declares no field 'specialtys' (hint: did you mean 'specialties'?)",
            "heapwarden.yaml:6:5: collections[2].field: rule "
                + VETS
                + ".names: field "
                + VETS
                + ".names is declared as java.lang.String[], which cannot be bounded: it is"
                + " not a collection type (hint: rule the field that holds the JDK collection, or"
                + " declare it as one (e.g. Map, List))",
            "heapwarden.yaml:9:5: instances[0].class: rule"
                + " io.heapwarden.agent.resolve.fixtures.Vet: class"
                + " io.heapwarden.agent.resolve.fixtures.Vet is not in "
                + where
                + " (hint: did you mean "
                + VETS
                + "?)");
  }

  @Test
  void resolvesRulesAgainstADirectoryOfClasses() throws IOException {
    Path classes = dir.resolve("classes");
    Path file = classes.resolve(VETS.replace('.', '/') + ".class");
    Files.createDirectories(file.getParent());
    Files.write(file, classFile(VETS));

    ClasspathCheck.Outcome outcome = ClasspathCheck.run(rules(), List.of(classes));

    assertTheThreeProblems(outcome, "the class path");
    assertThat(outcome.classes()).isEqualTo(1);
    assertThat(outcome.unreadable()).isEmpty();
  }

  @Test
  void resolvesRulesAgainstAPlainJar() throws IOException {
    Path jar = dir.resolve("service.jar");
    try (OutputStream out = Files.newOutputStream(jar)) {
      out.write(
          zip(
              "META-INF/MANIFEST.MF",
              "Manifest-Version: 1.0\n".getBytes(StandardCharsets.UTF_8),
              classEntry(VETS),
              classFile(VETS)));
    }

    ClasspathCheck.Outcome outcome = ClasspathCheck.run(rules(), List.of(jar));

    assertTheThreeProblems(outcome, "the class path");
  }

  @Test
  void resolvesRulesAgainstASpringBootFatJarAndTheJarsNestedInIt() throws IOException {
    byte[] nested = zip(classEntry(LIBRARY_CACHE), classFile(LIBRARY_CACHE));
    Path fatJar = dir.resolve("petclinic.jar");
    try (OutputStream out = Files.newOutputStream(fatJar)) {
      out.write(
          zip(
              "org/springframework/boot/loader/launch/JarLauncher.class",
              new byte[] {1, 2, 3}, // the launcher is never read as a ruled class
              "BOOT-INF/classes/" + classEntry(VETS),
              classFile(VETS),
              "BOOT-INF/lib/nested.jar",
              nested));
    }
    List<RuleTarget> rules =
        targets(
            dir,
            "collections:\n"
                + "  - field: "
                + LIBRARY_CACHE
                + ".entries\n"
                + "    max-entries: 10\n"
                + "  - field: "
                + LIBRARY_CACHE
                + ".entrys\n"
                + "    max-entries: 10\n"
                + "  - field: "
                + VETS
                + ".vetz\n"
                + "    max-entries: 10\n");

    ClasspathCheck.Outcome outcome = ClasspathCheck.run(rules, List.of(fatJar));

    assertThat(formatted(outcome))
        .containsExactly(
            "heapwarden.yaml:4:5: collections[1].field: rule "
                + LIBRARY_CACHE
                + ".entrys: class "
                + LIBRARY_CACHE
                + " declares no field 'entrys' (hint: did you mean 'entries'?)",
            "heapwarden.yaml:6:5: collections[2].field: rule "
                + VETS
                + ".vetz: class "
                + VETS
                + " declares no field 'vetz' (hint: did you mean 'vets'?)");
    assertThat(outcome.classes()).isEqualTo(3); // the launcher, Vets and the nested LibraryCache
    assertThat(outcome.unreadable()).isEmpty();
  }

  @Test
  void resolvesRulesAgainstAnUnpackedFatJar() throws IOException {
    Path unpacked = dir.resolve("unpacked");
    Path vets = unpacked.resolve("BOOT-INF/classes/" + classEntry(VETS));
    Files.createDirectories(vets.getParent());
    Files.write(vets, classFile(VETS));
    Files.createDirectories(unpacked.resolve("BOOT-INF/lib"));
    Files.write(
        unpacked.resolve("BOOT-INF/lib/library.jar"),
        zip(classEntry(LIBRARY_CACHE), classFile(LIBRARY_CACHE)));
    List<RuleTarget> rules =
        targets(
            dir,
            "collections:\n"
                + "  - field: "
                + LIBRARY_CACHE
                + ".entries\n"
                + "    max-entries: 10\n"
                + "  - field: "
                + VETS
                + ".vets\n"
                + "    max-entries: 10\n");

    ClasspathCheck.Outcome outcome = ClasspathCheck.run(rules, List.of(unpacked));

    assertThat(outcome.problems()).isEmpty();
    assertThat(outcome.classes()).isEqualTo(2);
  }

  @Test
  void aNestedJarThatIsNotAZipIsSkippedAndTheRestIsStillRead() throws IOException {
    Path fatJar = dir.resolve("broken.jar");
    try (OutputStream out = Files.newOutputStream(fatJar)) {
      out.write(
          zip(
              "BOOT-INF/lib/broken.jar",
              "not a zip at all, but long enough to be read".getBytes(StandardCharsets.UTF_8),
              "BOOT-INF/classes/" + classEntry(VETS),
              classFile(VETS)));
    }

    ClasspathCheck.Outcome outcome = ClasspathCheck.run(rules(), List.of(fatJar));

    assertThat(outcome.problems()).hasSize(3);
    assertThat(outcome.classes()).isEqualTo(1);
  }

  static String classEntry(String binaryName) {
    return binaryName.replace('.', '/') + ".class";
  }

  /** A zip of name, bytes, name, bytes, ... */
  static byte[] zip(Object... namesAndBytes) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (int i = 0; i < namesAndBytes.length; i += 2) {
        zip.putNextEntry(new ZipEntry((String) namesAndBytes[i]));
        zip.write((byte[]) namesAndBytes[i + 1]);
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
