package io.heapwarden.agent.config;

import static io.heapwarden.agent.config.ConfigKey.choice;
import static io.heapwarden.agent.config.ConfigKey.count;
import static io.heapwarden.agent.config.ConfigKey.duration;
import static io.heapwarden.agent.config.ConfigKey.required;
import static io.heapwarden.agent.config.ConfigKey.scalar;
import static io.heapwarden.agent.config.ConfigKey.section;

import io.heapwarden.agent.log.LogLevel;
import java.time.Duration;
import java.util.List;

/**
 * The keys of the agent's own settings, in the order of the documentation: those before the rule
 * lists (strict, logging, telemetry, reload) and those after them (pressure, discover, admin). The
 * rule lists' keys come from the rule kinds (see {@link RuleSection}). The admin port's keys come
 * last.
 */
final class SettingKeys {
  private SettingKeys() {}

  static final List<ConfigKey> BEFORE_RULES =
      List.of(
          scalar(
              "strict",
              ConfigKey.Type.BOOLEAN,
              "false",
              "true",
              "When true, an invalid configuration stops the JVM before the service's main"
                  + " (exit status 78); when false, the agent reports the problems and stays"
                  + " inactive while the service runs unchanged."),
          section("logging", "The agent's own log lines."),
          choice(
              "logging.level",
              LogLevel.values(),
              "info",
              "debug",
              "The quietest level the agent's log writes."),
          count(
              "logging.lines-per-minute",
              "20",
              Integer.MAX_VALUE,
              "60",
              "How many lines of one kind the agent logs per minute; beyond that it counts them"
                  + " and logs a summary each telemetry interval."),
          section("telemetry", "How the agent reports what it does."),
          scalar(
              "telemetry.interval",
              ConfigKey.Type.DURATION,
              "10s",
              "30s",
              "How often JFR events and log summaries are aggregated and emitted."),
          scalar(
              "telemetry.jfr",
              ConfigKey.Type.BOOLEAN,
              "true",
              "false",
              "Whether the agent emits JFR events."),
          scalar(
              "telemetry.micrometer",
              ConfigKey.Type.BOOLEAN,
              "true",
              "false",
              "Whether the agent publishes meters to the service's Micrometer registry, if it"
                  + " has one."),
          scalar(
              "telemetry.mbean",
              ConfigKey.Type.BOOLEAN,
              "true",
              "false",
              "Whether the agent registers the platform MBean io.heapwarden:type=Agent (what"
                  + " `heapwarden status`, JConsole and JDK Mission Control read), from its"
                  + " background thread after start-up."),
          duration(
              "telemetry.not-matched-after",
              "1m",
              Duration.ZERO,
              "5m",
              "How long after start the agent reports, once, each rule whose class has not been"
                  + " loaded yet; 0 or off turns the report off."),
          section(
              "telemetry.prometheus",
              "The agent's meters in Prometheus's text format over HTTP, with no Micrometer in the"
                  + " service. Off unless the section is present."),
          required(
              "telemetry.prometheus.port",
              ConfigKey.Type.PORT,
              "9464",
              "The port that serves GET /metrics; 0 for any free port (the log names it). The"
                  + " admin port may be named: the admin server then serves /metrics too."),
          scalar(
              "telemetry.prometheus.bind",
              ConfigKey.Type.ADDRESS,
              "127.0.0.1",
              "0.0.0.0",
              "The address the metrics port listens on: the loopback interface unless set."),
          section("reload", "Whether and how often the config file is checked for changes."),
          scalar(
              "reload.watch",
              ConfigKey.Type.BOOLEAN,
              "true",
              "false",
              "Whether the agent polls the config file and applies changes while the service"
                  + " runs."),
          duration(
              "reload.interval",
              "2s",
              ReloadSettings.MIN_INTERVAL,
              "10s",
              "How often the config file is checked for changes."));

  static final List<ConfigKey> AFTER_RULES =
      List.of(
          section(
              "pressure",
              "The memory pressure guard: heap and container thresholds, and what happens at"
                  + " critical. Off unless the section is present."),
          section("pressure.heap", "Thresholds for the long-lived heap, measured after GC."),
          scalar(
              "pressure.heap.warn",
              ConfigKey.Type.RATIO,
              "75%",
              "70%",
              "The share of the maximum heap, used after GC, at which pressure is warn."),
          scalar(
              "pressure.heap.critical",
              ConfigKey.Type.RATIO,
              "90%",
              "85%",
              "The share of the maximum heap, used after GC, at which pressure is critical."),
          section(
              "pressure.container",
              "Thresholds for the process's memory against the container's limit."),
          scalar(
              "pressure.container.warn",
              ConfigKey.Type.RATIO,
              "80%",
              "75%",
              "The share of the memory limit used (working set) at which pressure is warn."),
          scalar(
              "pressure.container.critical",
              ConfigKey.Type.RATIO,
              "90%",
              "85%",
              "The share of the memory limit used (working set) at which pressure is critical."),
          scalar(
              "pressure.container.limit",
              ConfigKey.Type.SIZE,
              ConfigSchema.UNSET,
              "2GB",
              "The memory limit to use when the cgroup sets none; the process's RSS is then"
                  + " measured against it."),
          section("pressure.on-critical", "What the guard does when pressure becomes critical."),
          scalar(
              "pressure.on-critical.trim-to",
              ConfigKey.Type.RATIO,
              "50%",
              "25%",
              "The share of its bound every bounded collection and session store keeps while"
                  + " pressure is critical."),
          scalar(
              "pressure.on-critical.idle-timeout",
              ConfigKey.Type.DURATION,
              "1m",
              "30s",
              "Sessions idle longer than this expire while pressure is critical."),
          scalar(
              "pressure.on-critical.gc",
              ConfigKey.Type.BOOLEAN,
              "true",
              "false",
              "Whether the guard runs a garbage collection after the trim, so that memory goes"
                  + " back to the operating system."),
          scalar(
              "pressure.on-critical.trim-native",
              ConfigKey.Type.BOOLEAN,
              "true",
              "false",
              "Whether the guard then returns free native heap (glibc malloc) memory to the"
                  + " operating system, where the JVM supports it."),
          scalar(
              "pressure.on-critical.min-interval",
              ConfigKey.Type.DURATION,
              "30s",
              "1m",
              "The shortest time between two garbage collections or native trims by the guard."),
          scalar(
              "pressure.on-critical.trim-floor",
              ConfigKey.Type.RATIO,
              "10%",
              "5%",
              "The lowest share of its bound a collection keeps when pressure stays critical after"
                  + " a trim and a collection (each step halves the share, from trim-to)."),
          scalar(
              "pressure.on-critical.exit-after",
              ConfigKey.Type.DURATION,
              ConfigSchema.UNSET,
              "30s",
              "Stops the JVM with exit status 75 when pressure has stayed critical this long with"
                  + " bounds at trim-floor, after writing a class histogram (off by default)."),
          section(
              "pressure.heap-dump",
              "A heap dump written once per process when pressure first reaches a level."),
          required(
              "pressure.heap-dump.path",
              ConfigKey.Type.PATH,
              "/tmp/heapwarden-%p.hprof",
              "Where the heap dump goes; %p is replaced by the process id."),
          choice(
              "pressure.heap-dump.on",
              PressureSettings.HeapDumpOn.values(),
              "critical",
              "warn",
              "The level whose first arrival writes the heap dump."),
          section(
              "discover",
              "Discovery: tracks the collection-typed fields of the service's own classes and"
                  + " reports those that keep growing. Off unless the section is present."),
          required(
              "discover.packages",
              ConfigKey.Type.PACKAGES,
              "com.example",
              "The packages whose classes' collection-typed fields are tracked (subpackages"
                  + " included)."),
          duration(
              "discover.period",
              "30s",
              DiscoverySettings.MIN_PERIOD,
              "1m",
              "How often the sizes of the tracked collections are sampled."),
          scalar(
              "discover.old-object-samples",
              ConfigKey.Type.BOOLEAN,
              "false",
              "true",
              "Whether the agent's JFR recording samples old objects (jdk.OldObjectSample with"
                  + " paths to GC roots), so that a recording shows what holds a suspect."),
          section(
              "admin",
              "The admin endpoints GET /health, GET /memory-stats and POST /cleanup on an HTTP"
                  + " port of the agent's own. Off unless the section is present."),
          required(
              "admin.port",
              ConfigKey.Type.PORT,
              "9095",
              "The admin port; 0 for any free port (the log names it)."),
          scalar(
              "admin.bind",
              ConfigKey.Type.ADDRESS,
              "127.0.0.1",
              "0.0.0.0",
              "The address the admin port listens on: the loopback interface unless set."),
          scalar(
              "admin.token",
              ConfigKey.Type.SECRET,
              ConfigSchema.UNSET,
              "6f1c0d8e2b7a4c9e5d3f8a1b",
              "The bearer token POST /cleanup requires (at least 16 characters); best given as"
                  + " HEAPWARDEN_ADMIN_TOKEN. Unset, /cleanup refuses every call."),
          scalar(
              "admin.cleanup-interval",
              ConfigKey.Type.DURATION,
              "10s",
              "1m",
              "The shortest time between two accepted POST /cleanup calls; one sooner gets 429."));
}
