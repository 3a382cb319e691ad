package io.heapwarden.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import example.loaded.Cache;
import example.loaded.Refused;
import example.loaded.Unrelated;
import io.heapwarden.agent.config.CollectionRule;
import io.heapwarden.agent.config.Eviction;
import io.heapwarden.agent.config.FieldRef;
import io.heapwarden.agent.config.SourcePosition;
import io.heapwarden.agent.rules.RulePlan;
import java.lang.instrument.Instrumentation;
import java.lang.instrument.UnmodifiableClassException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoadedClassRetransformerTest {
  // Refused mentions the ruled field name too, but the fake JVM refuses to retransform it.
  private static final TargetIndex TARGETS =
      RulePlan.of(
              List.of(
                  new CollectionRule(
                      new FieldRef(Cache.class.getName(), "entries"),
                      10,
                      -1,
                      Eviction.LRU,
                      -1,
                      SourcePosition.of("t"))))
          .targets();

  /** A fake JVM: what it holds loaded, and every retransformClasses call it received. */
  private static Instrumentation jvm(List<List<Class<?>>> calls, Class<?>... loaded) {
    return (Instrumentation)
        Proxy.newProxyInstance(
            LoadedClassRetransformerTest.class.getClassLoader(),
            new Class<?>[] {Instrumentation.class},
            (proxy, method, args) -> {
              switch (method.getName()) {
                case "getAllLoadedClasses":
                  return loaded.clone();
                case "isModifiableClass":
                  return !((Class<?>) args[0]).isPrimitive();
                case "retransformClasses":
                  List<Class<?>> batch = Arrays.asList((Class<?>[]) args[0]);
                  calls.add(batch);
                  if (batch.contains(Refused.class)) {
                    throw new UnmodifiableClassException("refused for the test");
                  }
                  return null;
                default:
                  throw new UnsupportedOperationException(method.getName());
              }
            });
  }

  @Test
  void retransformsOnlyApplicationClassesThatMentionARuleTarget() {
    List<List<Class<?>>> calls = new ArrayList<>();
    LoadedClassRetransformer.Outcome outcome =
        new LoadedClassRetransformer(
                jvm(calls, String.class, int[].class, Unrelated.class, Cache.class), TARGETS)
            .retransformLoaded();

    assertThat(calls).containsExactly(List.of(Cache.class));
    assertThat(outcome.loaded()).isEqualTo(4);
    assertThat(outcome.candidates()).isEqualTo(1);
    assertThat(outcome.retransformed()).isEqualTo(1);
    assertThat(outcome.failed()).isEmpty();
  }

  @Test
  void aRefusedBatchIsRetriedClassByClassAndTheRefusalNamed() {
    List<List<Class<?>>> calls = new ArrayList<>();
    LoadedClassRetransformer.Outcome outcome =
        new LoadedClassRetransformer(jvm(calls, Cache.class, Refused.class), TARGETS)
            .retransformLoaded();

    assertThat(calls)
        .containsExactly(
            List.of(Cache.class, Refused.class), List.of(Cache.class), List.of(Refused.class));
    assertThat(outcome.retransformed()).isEqualTo(1);
    assertThat(outcome.failed())
        .singleElement()
        .asString()
        .startsWith(Refused.class.getName() + ": java.lang.instrument.UnmodifiableClassException");
  }

  @Test
  void leavesTheAgentsOwnClassesAlone() {
    List<List<Class<?>>> calls = new ArrayList<>();
    new LoadedClassRetransformer(jvm(calls, LoadedClassRetransformerTest.class), TARGETS)
        .retransformLoaded();

    assertThat(calls).isEmpty();
  }

  @Test
  void batchesHoldAtMostABatchOfClasses() {
    List<List<Class<?>>> calls = new ArrayList<>();
    Class<?>[] many = new Class<?>[LoadedClassRetransformer.BATCH + 1];
    Arrays.fill(many, Cache.class);
    LoadedClassRetransformer.Outcome outcome =
        new LoadedClassRetransformer(jvm(calls, many), TARGETS).retransformLoaded();

    assertThat(calls).extracting(List::size).containsExactly(LoadedClassRetransformer.BATCH, 1);
    assertThat(outcome.retransformed()).isEqualTo(many.length);
    assertThat(outcome.batches()).isEqualTo(2);
    assertThat(outcome.longestCallNanos())
        .isPositive()
        .isLessThanOrEqualTo(outcome.totalCallNanos());
  }
}
