package io.heapwarden.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Launches a real JVM, optionally with the Heapwarden agent, a config file and a JFR recording.
 * Every end-to-end test uses it:
 *
 * <pre>{@code
 * JvmResult result = AgentJvm.forMainClass(Hello.class).withConfig("strict: true").run();
 * }</pre>
 */
public final class AgentJvm {
  private final Workspace workspace;
  private final List<String> jvmArgs = new ArrayList<>();
  private final List<String> jvmArgsBeforeAgent = new ArrayList<>();
  private final List<Path> classpath = new ArrayList<>();
  private final List<String> programArgs = new ArrayList<>();
  private final Map<String, String> env = new LinkedHashMap<>();
  private String mainClass;
  private Path executableJar;
  private Path javaExecutable = ItEnvironment.java();
  private String agentArgs;
  private boolean agent;
  private boolean jfr;

  private AgentJvm(Workspace workspace) {
    this.workspace = workspace;
  }

  /** A JVM running {@code main} with the jar or directory it was compiled into as class path. */
  public static AgentJvm forMainClass(Class<?> main) {
    AgentJvm jvm = new AgentJvm(Workspace.create(main.getSimpleName()));
    jvm.mainClass = main.getName();
    jvm.classpath.add(ItEnvironment.codeSource(main));
    return jvm;
  }

  /** A JVM running {@code java -jar jar}. */
  public static AgentJvm forJar(Path jar) {
    AgentJvm jvm = new AgentJvm(Workspace.create(jar.getFileName().toString()));
    jvm.executableJar = jar;
    return jvm;
  }

  /** Adds Heapwarden as {@code -javaagent} with no arguments. */
  public AgentJvm withAgent() {
    this.agent = true;
    return this;
  }

  /** Adds Heapwarden with these raw agent arguments, e.g. {@code config=/x.yaml,strict=true}. */
  public AgentJvm withAgentArgs(String arguments) {
    this.agent = true;
    this.agentArgs = arguments;
    return this;
  }

  /**
   * Writes {@code yaml} to heapwarden.yaml in the workspace and passes it as the agent's config.
   */
  public AgentJvm withConfig(String yaml) {
    return withAgentArgs("config=" + writeConfig(yaml));
  }

  /** Writes (or rewrites) the workspace's heapwarden.yaml and returns its path. */
  public Path writeConfig(String yaml) {
    return workspace.write("heapwarden.yaml", yaml);
  }

  public Path configFile() {
    return workspace.dir().resolve("heapwarden.yaml");
  }

  /** Records JFR from the start; the recording is dumped on exit and parsed into the result. */
  public AgentJvm recordJfr() {
    this.jfr = true;
    return this;
  }

  public AgentJvm jvmArgs(String... args) {
    jvmArgs.addAll(List.of(args));
    return this;
  }

  /** JVM options placed before Heapwarden's {@code -javaagent}, e.g. another agent to run first. */
  public AgentJvm jvmArgsBeforeAgent(String... args) {
    jvmArgsBeforeAgent.addAll(List.of(args));
    return this;
  }

  public AgentJvm classpath(Path... entries) {
    classpath.addAll(List.of(entries));
    return this;
  }

  /** Puts fixture jars (copied by integration-tests/pom.xml into it-libs) on the class path. */
  public AgentJvm fixtureLibs(String... jarNames) {
    for (String jar : jarNames) {
      classpath.add(ItEnvironment.fixtureLib(jar));
    }
    return this;
  }

  /** Micrometer core with what its registries need at run time. */
  @SuppressWarnings("MutablePublicArray") // for fixtureLibs(String...); tests only read it
  public static final String[] MICROMETER_LIBS = {
    "micrometer-core.jar",
    "micrometer-commons.jar",
    "micrometer-observation.jar",
    "HdrHistogram.jar",
    "LatencyUtils.jar"
  };

  public AgentJvm args(String... args) {
    programArgs.addAll(List.of(args));
    return this;
  }

  public AgentJvm env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Runs on another JDK than the one configured for the integration tests. */
  public AgentJvm java(Path executable) {
    this.javaExecutable = executable;
    return this;
  }

  public Workspace workspace() {
    return workspace;
  }

  public List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable.toString());
    command.addAll(jvmArgsBeforeAgent);
    if (agent) {
      command.add(
          "-javaagent:" + ItEnvironment.agentJar() + (agentArgs == null ? "" : "=" + agentArgs));
    }
    if (jfr) {
      command.add(
          "-XX:StartFlightRecording:filename=" + jfrFile() + ",dumponexit=true,settings=default");
    }
    command.addAll(jvmArgs);
    if (executableJar != null) {
      command.add("-jar");
      command.add(executableJar.toString());
    } else {
      command.add("-cp");
      command.add(
          classpath.stream()
              .map(Path::toString)
              .collect(Collectors.joining(java.io.File.pathSeparator)));
      command.add(mainClass);
    }
    command.addAll(programArgs);
    return command;
  }

  Path jfrFile() {
    return jfr ? workspace.dir().resolve("recording.jfr") : null;
  }

  public RunningJvm start() {
    try {
      Files.writeString(workspace.dir().resolve("command.txt"), String.join(" ", command()));
      ProcessBuilder builder = new ProcessBuilder(command()).directory(workspace.dir().toFile());
      builder.environment().putAll(env);
      return new RunningJvm(builder.start(), workspace, jfrFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command(), e);
    }
  }

  /** Starts the JVM and waits for it to exit on its own. */
  public JvmResult run() {
    return run(Duration.ofSeconds(60));
  }

  public JvmResult run(Duration timeout) {
    try (RunningJvm running = start()) {
      return running.awaitExit(timeout);
    }
  }
}
