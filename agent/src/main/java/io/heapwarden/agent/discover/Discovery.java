package io.heapwarden.agent.discover;

import io.heapwarden.agent.boot.BootClasses;
import io.heapwarden.agent.boot.BootSet;
import io.heapwarden.agent.config.DiscoverySettings;
import io.heapwarden.agent.instrument.ClassRewriter;
import io.heapwarden.agent.log.AgentLog;
import io.heapwarden.agent.telemetry.Incident;
import io.heapwarden.agent.telemetry.Telemetry;
import io.heapwarden.bootstrap.discover.TrackedFields;
import io.heapwarden.bootstrap.threads.AgentThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Discovery's entry points for the agent: the rewriter (on the premain thread, before the service's
 * classes load) and the sampling thread (later, off the start-up path). Loaded only when the config
 * has {@code discover:}.
 */
public final class Discovery {
  private Discovery() {}

  /** The rewriter that tracks the collection-typed fields of {@code settings}' packages. */
  public static ClassRewriter rewriter(DiscoverySettings settings) {
    // the sampler reads the tracked fields from its first period on: defined now, not at the
    // first rewrite, which may never come
    BootClasses.ensure(BootSet.DISCOVER);
    List<String> prefixes = new ArrayList<>();
    for (String name : settings.packages()) {
      prefixes.add(name.replace('.', '/') + '/');
    }
    return new DiscoveryRewriter(new CollectionFieldTypes(prefixes));
  }

  /** Starts the {@code heapwarden-discover} thread: one sample per period, for ever. */
  public static void startSampling(DiscoverySettings settings, Telemetry telemetry) {
    if (!BootClasses.available(BootSet.DISCOVER)) {
      return; // the rewriter could not be set up (logged then): nothing is tracked
    }
    if (settings.oldObjectSamples()) {
      OldObjectSampling.start();
    }
    long periodMillis = Math.max(1, settings.period().toMillis());
    DiscoverySampler sampler =
        new DiscoverySampler(
            new Consumer<Incident.GrowthSuspect>() {
              @Override
              public void accept(Incident.GrowthSuspect suspect) {
                telemetry.growthSuspect(suspect);
              }
            });
    AgentThreads.newLoop(
            "heapwarden-discover",
            new Runnable() {
              private final HeapAfterGc heap = new HeapAfterGc();
              private boolean failureLogged;

              @Override
              public void run() {
                while (true) {
                  try {
                    Thread.sleep(periodMillis);
                  } catch (InterruptedException stop) {
                    return;
                  }
                  sampler.sample(System.nanoTime(), heap.read());
                  if (TrackedFields.disabled() && !failureLogged) {
                    failureLogged = true;
                    AgentLog.get(Discovery.class)
                        .error(
                            "discover: a store hook failed, so tracking stopped; the service runs"
                                + " unchanged");
                  }
                }
              }
            })
        .start();
  }
}
