package io.heapwarden.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.config.AgentConfig;
import io.heapwarden.agent.config.CollectionRule;
import io.heapwarden.agent.config.Eviction;
import io.heapwarden.agent.config.FieldRef;
import io.heapwarden.agent.config.SourcePosition;
import io.heapwarden.agent.rules.RulePlan;
import io.heapwarden.agent.telemetry.Telemetry;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

class HeapwardenTransformerTest {
  private static final TargetIndex CACHE_RULE =
      RulePlan.of(
              List.of(
                  new CollectionRule(
                      new FieldRef("com.example.Cache", "entries"),
                      10,
                      -1,
                      Eviction.LRU,
                      -1,
                      SourcePosition.of("t"))))
          .targets();
  private static final Telemetry TELEMETRY = Telemetry.create(AgentConfig.defaults());

  private static byte[] classNamed(String internalName, String fieldName) {
    ClassWriter writer = new ClassWriter(0);
    writer.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, internalName, null, "java/lang/Object", null);
    writer.visitField(Opcodes.ACC_PRIVATE, fieldName, "Ljava/util/Map;", null, null).visitEnd();
    writer.visitEnd();
    return writer.toByteArray();
  }

  @Test
  void onlyClassesMentioningATargetReachTheRewriters() {
    List<String> seen = new ArrayList<>();
    ClassRewriter recorder =
        (loader, name, bytes) -> {
          seen.add(name);
          return null;
        };
    HeapwardenTransformer transformer =
        new HeapwardenTransformer(CACHE_RULE, List.of(recorder), TELEMETRY);

    transformer.transform(
        null, "com/example/Cache", null, null, classNamed("com/example/Cache", "entries"));
    transformer.transform(
        null, "com/example/Other", null, null, classNamed("com/example/Other", "items"));

    assertThat(seen).containsExactly("com/example/Cache");
    assertThat(transformer.scannedClasses()).isEqualTo(2);
    assertThat(transformer.matchedClasses()).isEqualTo(1);
  }

  @Test
  void rewrittenBytesChainThroughRewriters() {
    byte[] original = classNamed("com/example/Cache", "entries");
    byte[] first = classNamed("com/example/Cache", "entries2");
    List<byte[]> inputs = new ArrayList<>();
    HeapwardenTransformer transformer =
        new HeapwardenTransformer(
            CACHE_RULE,
            List.of(
                (loader, name, bytes) -> first,
                (loader, name, bytes) -> {
                  inputs.add(bytes);
                  return null;
                }),
            TELEMETRY);

    byte[] result = transformer.transform(null, "com/example/Cache", null, null, original);

    assertThat(result).isSameAs(first);
    assertThat(inputs).containsExactly(first);
  }

  @Test
  void aFailingRewriterLeavesTheClassUnchangedAndNeverThrows() {
    HeapwardenTransformer transformer =
        new HeapwardenTransformer(
            CACHE_RULE,
            List.of(
                (loader, name, bytes) -> {
                  throw new IllegalStateException("rewriter bug");
                }),
            TELEMETRY);

    assertThat(
            transformer.transform(
                null, "com/example/Cache", null, null, classNamed("com/example/Cache", "entries")))
        .isNull();
  }

  @Test
  void agentClassesAndNamelessClassesAreNeverTouched() {
    List<String> seen = new ArrayList<>();
    HeapwardenTransformer transformer =
        new HeapwardenTransformer(
            RulePlan.of(
                    List.of(
                        new CollectionRule(
                            new FieldRef("io.heapwarden.agent.X", "entries"),
                            1,
                            -1,
                            Eviction.LRU,
                            -1,
                            SourcePosition.of("t"))))
                .targets(),
            List.of(
                (loader, name, bytes) -> {
                  seen.add(name);
                  return null;
                }),
            TELEMETRY);

    transformer.transform(
        null, "io/heapwarden/agent/X", null, null, classNamed("io/heapwarden/agent/X", "entries"));
    transformer.transform(null, null, null, null, classNamed("a/B", "entries"));

    assertThat(seen).isEmpty();
  }
}
