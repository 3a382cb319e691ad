package io.heapwarden.agent;

import io.heapwarden.agent.boot.BootClasses;
import io.heapwarden.agent.boot.BootSet;
import io.heapwarden.agent.config.AgentConfig;
import io.heapwarden.agent.endpoints.Endpoints;
import io.heapwarden.agent.instrument.RuleMatches;
import io.heapwarden.agent.pressure.CleanupResult;
import io.heapwarden.agent.status.AgentStatus;
import io.heapwarden.agent.status.AgentVersion;
import io.heapwarden.agent.telemetry.Telemetry;
import io.heapwarden.agent.telemetry.prometheus.PrometheusText;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import io.heapwarden.bootstrap.RuleTable;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Connects the endpoints to the running agent: the status they show, the cleanup they run, the
 * meters they serve. A class of its own so that {@link AgentRuntime} names no class of the
 * endpoints: none is loaded unless {@code admin:} or {@code telemetry.prometheus:} is configured.
 */
final class EndpointsWiring {
  private EndpointsWiring() {}

  static void start(
      AgentConfig config,
      Supplier<String> configSource,
      Telemetry telemetry,
      Callable<CleanupResult> cleanup) {
    AgentStatus status =
        new AgentStatus(AgentVersion.read(), configSource, RuleTable::all, RuleMatches::matched);
    Endpoints.start(
        config.admin(),
        config.prometheus(),
        new Endpoints.Sources(
            status,
            RuleTable::all,
            EndpointsWiring::readableRules,
            cleanup,
            new PrometheusText(RuleTable::all, telemetry.counters())));
  }

  /**
   * The status reads live collections and instance counts: their boot-side classes must exist,
   * which they do only once a class was rewritten for the rule's kind (or the guard started).
   */
  private static void readableRules() {
    for (Rule rule : RuleTable.all()) {
      if (rule.kind() == RuleKind.COLLECTION || rule.kind() == RuleKind.SESSION) {
        BootClasses.ensure(BootSet.COLLECTIONS);
      } else if (rule.kind() == RuleKind.INSTANCE) {
        BootClasses.ensure(BootSet.INSTANCES);
      }
    }
  }
}
