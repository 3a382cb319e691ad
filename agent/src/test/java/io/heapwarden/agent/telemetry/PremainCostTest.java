package io.heapwarden.agent.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/**
 * {@link Telemetry#create} runs on the premain thread: it must not load the JFR event classes (nor
 * anything else of JFR or Micrometer). Checked in a fresh class loader that loads the agent's
 * classes itself, so classes loaded by other tests do not count.
 */
class PremainCostTest {
  private static final String AGENT = "io.heapwarden.agent.";
  private static final List<String> DEFERRED =
      List.of(
          "io.heapwarden.agent.telemetry.jfr.JfrSupport",
          "io.heapwarden.agent.telemetry.jfr.JfrSink",
          "io.heapwarden.agent.telemetry.jfr.AgentStartedEvent",
          "io.heapwarden.agent.telemetry.jfr.RuleActivityEvent",
          "io.heapwarden.agent.telemetry.jfr.RuleFailedEvent",
          "io.heapwarden.agent.telemetry.jfr.TransformFailedEvent",
          "io.heapwarden.agent.telemetry.jfr.RuleUnresolvedEvent",
          "io.heapwarden.agent.telemetry.jfr.SessionEvictionsEvent",
          "io.heapwarden.agent.telemetry.jfr.SessionEvictedEvent",
          "io.heapwarden.agent.telemetry.micrometer.MicrometerBridge");

  /**
   * Child-first for the agent's own classes and SLF4J's, so that it records which of them get
   * loaded.
   */
  private static final class AgentLoader extends URLClassLoader {
    AgentLoader(URL classes, URL slf4j, ClassLoader parent) {
      super(new URL[] {classes, slf4j}, parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith(AGENT) && !name.startsWith("org.slf4j.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        return loaded != null ? loaded : findClass(name);
      }
    }

    boolean loaded(String name) {
      return findLoadedClass(name) != null;
    }
  }

  @Test
  void createLoadsNoJfrMicrometerOrSlf4jProviderClassesUntilStartBackground() throws Exception {
    URL classes = Telemetry.class.getProtectionDomain().getCodeSource().getLocation();
    PrintStream stderr = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    URL slf4j = Logger.class.getProtectionDomain().getCodeSource().getLocation();
    try (AgentLoader loader = new AgentLoader(classes, slf4j, getClass().getClassLoader())) {
      Class<?> configType = loader.loadClass(AGENT + "config.AgentConfig");
      Class<?> telemetryType = loader.loadClass(AGENT + "telemetry.Telemetry");
      assertThat(telemetryType.getClassLoader()).isSameAs(loader);
      Object config = configType.getMethod("defaults").invoke(null);

      Object telemetry = telemetryType.getMethod("create", configType).invoke(null, config);
      // What the premain thread and early class loads call before the background start:
      telemetryType
          .getMethod("classLoaded", String.class, ClassLoader.class)
          .invoke(telemetry, "java/lang/String", null);
      telemetryType
          .getMethod("transformFailed", String.class, Throwable.class)
          .invoke(telemetry, "com/example/Foo", new IllegalStateException("early"));

      for (String deferred : DEFERRED) {
        assertThat(loader.loaded(deferred)).as(deferred).isFalse();
      }
      // The agent's logging never asks SLF4J for a provider.
      Object logger =
          loader
              .loadClass(AGENT + "log.AgentLog")
              .getMethod("get", Class.class)
              .invoke(null, PremainCostTest.class);
      loader
          .loadClass("org.slf4j.Logger")
          .getMethod("info", String.class, Object.class)
          .invoke(logger, "logged {}", "directly");
      assertThat(loader.loaded("org.slf4j.helpers.LegacyAbstractLogger")).isTrue();
      assertThat(loader.loaded("org.slf4j.LoggerFactory")).isFalse();

      // JFR itself waits until its recorder is initialised (another test may have recorded).
      boolean recorderInitialized = jdk.jfr.FlightRecorder.isInitialized();
      telemetryType.getMethod("startBackground").invoke(telemetry);
      assertThat(loader.loaded(AGENT + "telemetry.jfr.RuleActivityEvent"))
          .isEqualTo(recorderInitialized);
      assertThat(loader.loaded(AGENT + "telemetry.jfr.TransformFailedEvent"))
          .isEqualTo(recorderInitialized);
      assertThat(loader.loaded(AGENT + "telemetry.jfr.JfrSupport")).isEqualTo(recorderInitialized);

      Method close = telemetryType.getMethod("close");
      close.invoke(telemetry);
    } finally {
      System.setErr(stderr);
    }
    // The agent's log goes to stderr by default.
    assertThat(captured.toString(StandardCharsets.UTF_8))
        .contains("[heapwarden] WARN could not rewrite com.example.Foo; it loads unchanged")
        .contains("[heapwarden] INFO logged directly");
  }
}
