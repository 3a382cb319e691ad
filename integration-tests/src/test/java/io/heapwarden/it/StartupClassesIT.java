package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.QuietHello;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.JvmResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * A feature that is not configured loads no class (start-up budget, issue 15): hello world with one
 * {@code collections:} rule, and the classes the JVM logs as loaded ({@code -Xlog:class+load}),
 * premain and the background start ({@code heapwarden-init}) included. Fails on any stray class of
 * another kind of rule, of JFR while nobody records, of Micrometer, of the pressure guard, or of
 * SnakeYAML's object mapping; and on the rule's own boot-loader classes while no class it names was
 * loaded.
 */
class StartupClassesIT {
  private static final String ONE_COLLECTION_RULE =
      """
      collections:
        - field: io.heapwarden.it.fixtures.collections.LeakyCache.entries
          max-entries: 10
      telemetry:
        mbean: false
      """;

  /*
   * The status MBean is off here: it is registered one telemetry.interval after start, past the
   * start-up this test looks at, and the platform MBean server it creates registers the JDK's own
   * diagnostic commands, JFR's among them (StatusIT shows no JMX class loads before main).
   */

  /** Prefixes of classes that a config with one collections rule must not load. */
  private static final List<String> NOT_CONFIGURED =
      List.of(
          "io.heapwarden.bootstrap.sessions.", // sessions:, servlet adapters included
          "io.heapwarden.bootstrap.singletons.",
          "io.heapwarden.bootstrap.instances.",
          "io.heapwarden.agent.sessions.", // session presets
          "io.heapwarden.agent.instrument.singletons.",
          "io.heapwarden.agent.pressure.PressureGuard",
          "io.heapwarden.agent.pressure.HeapWatcher",
          "io.heapwarden.agent.telemetry.jfr.JfrSupport", // JFR: nobody records
          "io.heapwarden.agent.telemetry.jfr.JfrSink",
          "io.heapwarden.agent.telemetry.micrometer.", // no Micrometer in the service
          "io.heapwarden.agent.telemetry.prometheus.", // no telemetry.prometheus: port
          "io.heapwarden.agent.endpoints.", // no admin: port
          "com.sun.net.httpserver.",
          "sun.net.httpserver.",
          "jdk.jfr.internal.",
          "jdk.jfr.Event",
          "io.heapwarden.shaded.snakeyaml.constructor.", // the node API only
          "io.heapwarden.shaded.snakeyaml.representer.",
          "io.heapwarden.shaded.snakeyaml.introspector.");

  @Test
  void aConfigWithOneCollectionRuleLoadsNoClassOfWhatIsNotConfigured() throws IOException {
    Loaded loaded = run(false);

    assertThat(loaded.names).as("the agent started").contains("io.heapwarden.bootstrap.RuleTable");
    assertThat(loaded.startingWith(NOT_CONFIGURED)).isEmpty();
    // The rule's hooks wait until a class it names is rewritten; the service never loads one.
    assertThat(
            loaded.startingWith(
                List.of("io.heapwarden.bootstrap.collections.", "io.heapwarden.bootstrap.size.")))
        .isEmpty();
  }

  @Test
  void theRulesBootClassesAreDefinedWhenAClassItNamesIsRewritten() throws IOException {
    Loaded loaded = run(true);

    assertThat(loaded.names)
        .contains(
            "io.heapwarden.bootstrap.collections.CollectionHooks",
            "io.heapwarden.bootstrap.collections.BoundedHashMap");
    assertThat(loaded.sourceOf("io.heapwarden.bootstrap.collections.CollectionHooks"))
        .as("defined in the boot loader, not found on a class path")
        .contains("__JVM_DefineClass__");
    assertThat(loaded.startingWith(NOT_CONFIGURED)).isEmpty();
  }

  private static Loaded run(boolean loadTheRuledClass) throws IOException {
    AgentJvm jvm = AgentJvm.forMainClass(QuietHello.class).withConfig(ONE_COLLECTION_RULE);
    Path log = jvm.workspace().dir().resolve("class-load.log");
    JvmResult result =
        jvm.jvmArgs("-Xlog:class+load:file=" + log)
            .args(loadTheRuledClass ? new String[] {"cache"} : new String[0])
            .run();
    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.stdout()).as(result.output()).contains("hello");
    assertThat(result.stderr()).as(result.output()).doesNotContain("ERROR", "WARN");
    return new Loaded(Files.readAllLines(log));
  }

  /** The classes of a {@code -Xlog:class+load} log, by name, with the line naming each. */
  private static final class Loaded {
    final List<String> names = new ArrayList<>();
    final List<String> lines;

    Loaded(List<String> lines) {
      this.lines = lines;
      for (String line : lines) {
        String name = name(line);
        if (name != null) {
          names.add(name);
        }
      }
    }

    /** "[0.123s][info][class,load] java.lang.Object source: shared objects file" */
    private static @Nullable String name(String line) {
      int tags = line.indexOf("[class,load] ");
      if (tags < 0) {
        return null;
      }
      int start = tags + "[class,load] ".length();
      int end = line.indexOf(' ', start);
      return end < 0 ? line.substring(start) : line.substring(start, end);
    }

    List<String> startingWith(List<String> prefixes) {
      List<String> found = new ArrayList<>();
      for (String name : names) {
        for (String prefix : prefixes) {
          if (name.startsWith(prefix)) {
            found.add(name);
          }
        }
      }
      return found;
    }

    String sourceOf(String className) {
      for (String line : lines) {
        if (className.equals(name(line))) {
          return line;
        }
      }
      return "";
    }
  }
}
