package io.heapwarden.agent.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.bootstrap.RuleTable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The boot-loader class sets, computed the way {@link BootClasses} does, from agent-bootstrap's
 * class files: every bootstrap class belongs to some set (or it could never be defined), and a set
 * holds nothing of another feature (or configuring one would load the other).
 */
class BootSetTest {
  private static final String PACKAGE = ClassFileRefs.BOOTSTRAP_PACKAGE;

  @Test
  void everyBootstrapClassIsInTheClosureOfSomeSet() throws Exception {
    Set<String> covered = new TreeSet<>();
    for (BootSet set : BootSet.values()) {
      covered.addAll(closure(set));
    }
    assertThat(covered).containsExactlyInAnyOrderElementsOf(allBootstrapClasses());
  }

  @Test
  void theCoreHoldsNoClassOfARuleKind() throws Exception {
    assertThat(closure(BootSet.CORE))
        .contains(PACKAGE + "RuleTable", PACKAGE + "threads/AgentThreads")
        .noneMatch(BootSetTest::ofAKind)
        .noneMatch(name -> name.startsWith(PACKAGE + "size/"));
  }

  @Test
  void eachKindsSetHoldsNoClassOfAnotherKindButSessionsHoldTheCollections() throws Exception {
    assertThat(closure(BootSet.COLLECTIONS))
        .contains(PACKAGE + "collections/BoundedHashMap", PACKAGE + "size/SizeEstimator")
        .noneMatch(name -> ofAKind(name) && !name.startsWith(PACKAGE + "collections/"));
    assertThat(closure(BootSet.SINGLETONS))
        .noneMatch(name -> ofAKind(name) && !name.startsWith(PACKAGE + "singletons/"));
    assertThat(closure(BootSet.INSTANCES))
        .noneMatch(name -> ofAKind(name) && !name.startsWith(PACKAGE + "instances/"));
    assertThat(closure(BootSet.SESSIONS))
        .contains(PACKAGE + "sessions/servlet/TomcatAdapter")
        .containsAll(closure(BootSet.COLLECTIONS))
        .noneMatch(name -> name.startsWith(PACKAGE + "singletons/"));
  }

  @Test
  void aMentionOfAMemberOrAMissingClassIsNotAClass() throws Exception {
    Map<String, byte[]> found = new LinkedHashMap<>();
    BootClasses.closure(
        BootSetTest::read, new String[] {PACKAGE + "RuleTable"}, Set.of(), found, new HashMap<>());
    assertThat(found).isNotEmpty();
    for (String name : found.keySet()) { // "Signals/listen" or a package named in a string is not
      assertThat(read(name)).as(name).isNotNull();
    }
  }

  private static boolean ofAKind(String name) {
    return name.startsWith(PACKAGE + "collections/")
        || name.startsWith(PACKAGE + "sessions/")
        || name.startsWith(PACKAGE + "singletons/")
        || name.startsWith(PACKAGE + "instances/");
  }

  private static Set<String> closure(BootSet set) throws IOException {
    Map<String, byte[]> found = new LinkedHashMap<>();
    BootClasses.closure(BootSetTest::read, set.roots(), Set.of(), found, new HashMap<>());
    return new TreeSet<>(found.keySet());
  }

  private static byte[] read(String internalName) throws IOException {
    try (InputStream in =
        RuleTable.class.getClassLoader().getResourceAsStream(internalName + ".class")) {
      return in == null ? null : in.readAllBytes();
    }
  }

  private static Set<String> allBootstrapClasses() throws IOException, URISyntaxException {
    Path root =
        Path.of(RuleTable.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Set<String> names = new TreeSet<>();
    if (Files.isDirectory(root)) {
      try (Stream<Path> files = Files.walk(root.resolve(PACKAGE))) {
        files
            .filter(path -> path.toString().endsWith(".class"))
            .forEach(
                path -> {
                  String relative = root.relativize(path).toString().replace('\\', '/');
                  names.add(relative.substring(0, relative.length() - ".class".length()));
                });
      }
    } else {
      try (java.util.jar.JarFile jar = new java.util.jar.JarFile(root.toFile())) {
        jar.stream()
            .map(entry -> entry.getName())
            .filter(name -> name.startsWith(PACKAGE) && name.endsWith(".class"))
            .forEach(name -> names.add(name.substring(0, name.length() - ".class".length())));
      }
    }
    return names;
  }
}
