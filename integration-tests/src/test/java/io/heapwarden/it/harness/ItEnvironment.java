package io.heapwarden.it.harness;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where things are, as set by the failsafe configuration in integration-tests/pom.xml. */
public final class ItEnvironment {
  private ItEnvironment() {}

  public static Path agentJar() {
    Path jar = Path.of(required("heapwarden.agent.jar")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " does not exist; build the agent module first");
    }
    return jar;
  }

  /** The Spring Boot 4 example's fat jar (examples/boot-sessions). */
  public static Path bootSessionsJar() {
    Path jar = Path.of(required("heapwarden.boot.jar")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " does not exist; build examples/boot-sessions first");
    }
    return jar;
  }

  /** The java executable services are launched with: JDK 17 by default, JDK 25 in its CI pass. */
  public static Path java() {
    return Path.of(System.getProperty("heapwarden.it.java", javaHomeJava()));
  }

  public static Path workRoot() {
    return Path.of(System.getProperty("heapwarden.it.work", "target/it-work")).toAbsolutePath();
  }

  /** The directory holding this module's compiled test classes (the fixtures). */
  public static Path testClasses() {
    return codeSource(ItEnvironment.class);
  }

  /** The jar or directory a class was loaded from. */
  public static Path codeSource(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Jars that integration-tests/pom.xml copies for fixtures, e.g. {@code slf4j-api.jar}. */
  public static Path fixtureLib(String fileName) {
    Path lib = testClasses().getParent().resolve("it-libs").resolve(fileName);
    if (!Files.isRegularFile(lib)) {
      throw new IllegalStateException(lib + " is missing; integration-tests/pom.xml copies it");
    }
    return lib;
  }

  /** The major version of the JVM that services are launched with. */
  public static int javaFeatureVersion() {
    return JavaVersionProbe.featureVersion(java());
  }

  private static String javaHomeJava() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException(
          "system property " + property + " is not set (run via failsafe)");
    }
    return value;
  }
}
