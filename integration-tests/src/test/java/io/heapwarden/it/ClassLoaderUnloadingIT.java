package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.plugin.Plugin;
import io.heapwarden.it.fixtures.plugin.PluginHost;
import io.heapwarden.it.fixtures.plugin.PluginModel;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.ItEnvironment;
import io.heapwarden.it.harness.JvmResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A plugin's class loader, closed and dropped by the service, is collected with the agent running
 * and a rule of each kind on the plugin's classes, as it is without the agent: nothing the agent
 * keeps (its threads above all: the session sweeper starts inside the plugin's static initializer)
 * may hold the loader. Runs on whichever JDK the integration tests use (17, and 25 in its pass).
 */
class ClassLoaderUnloadingIT {
  private static final String PLUGIN = Plugin.class.getName();
  private static final String MODEL = PluginModel.class.getName();

  enum Kind {
    NONE(null, "cache=100 sessions=100 distinct-models=100"),
    COLLECTIONS(
        """
        collections:
          - field: %s.cache
            max-entries: 10
        """
            .formatted(PLUGIN),
        "cache=10 sessions=100 distinct-models=100"),
    SESSIONS(
        """
        sessions:
          - field: %s.sessions
            max-sessions: 5
            idle-timeout: 10m
        """
            .formatted(PLUGIN),
        "cache=100 sessions=5 distinct-models=100"),
    SINGLETONS(
        """
        singletons:
          - class: %s
        """
            .formatted(MODEL),
        "cache=100 sessions=100 distinct-models=1"),
    INSTANCES(
        """
        instances:
          - class: %s
            max-live: 5
        """
            .formatted(MODEL),
        "cache=100 sessions=100 distinct-models=100"),
    ALL(
        COLLECTIONS.config + SESSIONS.config + SINGLETONS.config,
        "cache=10 sessions=5 distinct-models=1");

    final String config;
    final String pluginSays;

    Kind(String config, String pluginSays) {
      this.config = config;
      this.pluginSays = pluginSays;
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void thePluginLoaderIsCollectedOnceTheServiceDropsIt(Kind kind) {
    AgentJvm jvm = AgentJvm.forMainClass(PluginHost.class).jvmArgs("-Xmx64m");
    if (kind.config != null) {
      jvm.withConfig(kind.config);
    }
    jvm.args(pluginDirectory(jvm).toString());

    JvmResult result = jvm.run(Duration.ofSeconds(90));

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.stdout()).as(result.output()).contains("plugin: " + kind.pluginSays);
    if (kind == Kind.INSTANCES) {
      assertThat(result.output()).contains("max-live");
    }
    assertThat(result.stdout()).as(result.output()).contains("plugin loader collected after");
    assertThat(result.output()).doesNotContain(" ERROR ");
  }

  /** The plugin's classes, copied out of the class path so that only the plugin loader has them. */
  private static Path pluginDirectory(AgentJvm jvm) {
    try {
      Path directory = jvm.workspace().dir().resolve("plugin");
      String packagePath = Plugin.class.getPackageName().replace('.', '/');
      Path target = Files.createDirectories(directory.resolve(packagePath));
      for (Class<?> type : new Class<?>[] {Plugin.class, PluginModel.class}) {
        Path source =
            ItEnvironment.testClasses()
                .resolve(packagePath)
                .resolve(type.getSimpleName() + ".class");
        Files.copy(source, target.resolve(source.getFileName()));
      }
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
