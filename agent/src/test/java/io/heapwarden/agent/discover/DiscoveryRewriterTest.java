package io.heapwarden.agent.discover;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.config.DiscoverySettings;
import io.heapwarden.agent.instrument.ClassRewriter;
import io.heapwarden.agent.instrument.RewritingLoader;
import io.heapwarden.agent.telemetry.Incident;
import io.heapwarden.bootstrap.discover.TrackedField;
import io.heapwarden.bootstrap.discover.TrackedFields;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.Test;

/**
 * The rewriter on a real class, and the sampler on what it tracks: the static list that grows is
 * the one suspect; the flat map, the queue whose size is not cheap, and the string are not.
 */
class DiscoveryRewriterTest {
  private static final String FIXTURES = "io.heapwarden.agent.discover.fixtures.";

  private static TrackedField field(String name) {
    for (TrackedField field : TrackedFields.all()) {
      if (field.qualifiedName().equals(FIXTURES + name)) {
        return field;
      }
    }
    throw new AssertionError("not tracked: " + name);
  }

  @Test
  void tracksTheCollectionFieldsAndReportsOnlyTheOneThatKeepsGrowing() throws Exception {
    ClassRewriter rewriter =
        Discovery.rewriter(
            new DiscoverySettings(
                true,
                List.of("io.heapwarden.agent.discover.fixtures"),
                Duration.ofSeconds(1),
                false));
    Class<?> registry = new RewritingLoader(FIXTURES, rewriter).loadClass(FIXTURES + "Registry");
    Object instance = registry.getConstructor().newInstance();
    IntConsumer grower = (IntConsumer) registry.getMethod("grower").invoke(instance);

    assertThat(field("Registry.LISTENERS").isStatic()).isTrue();
    assertThat(field("Registry.LISTENERS").type()).isEqualTo("java.util.List");
    assertThat(field("Registry.flat").live()).hasSize(1);
    assertThat(field("Registry.queue").live()).hasSize(1);
    assertThat(TrackedFields.all())
        .noneMatch(f -> f.qualifiedName().equals(FIXTURES + "Registry.name"))
        .noneMatch(f -> f.qualifiedName().equals(FIXTURES + "Registry.stores"));

    List<Incident.GrowthSuspect> suspects = new ArrayList<>();
    DiscoverySampler sampler = new DiscoverySampler(suspects::add);
    long minute = 60_000_000_000L;
    for (int i = 0; i < GrowthJudge.MIN_SAMPLES; i++) {
      grower.accept(100);
      sampler.sample(i * minute, -1);
    }

    assertThat(suspects)
        .singleElement()
        .satisfies(
            suspect -> {
              assertThat(suspect.field()).isEqualTo(FIXTURES + "Registry.LISTENERS");
              assertThat(suspect.count()).isEqualTo(600);
              assertThat(suspect.instances()).isEqualTo(1);
              assertThat(suspect.perMinute()).isEqualTo(100.0);
              assertThat(suspect.bytes()).isPositive();
              assertThat(suspect.window()).isEqualTo(Duration.ofMinutes(5));
            });
    assertThat(sampler.unread()).isEqualTo(1); // the ConcurrentLinkedQueue

    grower.accept(100);
    sampler.sample(GrowthJudge.MIN_SAMPLES * minute, -1);
    assertThat(suspects).hasSize(1); // once per field
  }
}
