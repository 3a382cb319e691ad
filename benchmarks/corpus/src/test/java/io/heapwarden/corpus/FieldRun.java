package io.heapwarden.corpus;

import io.heapwarden.agent.config.AgentConfig;
import io.heapwarden.agent.instrument.ClassRewriter;
import io.heapwarden.agent.instrument.HeapwardenTransformer;
import io.heapwarden.agent.instrument.TargetIndex;
import io.heapwarden.agent.instrument.collections.CollectionTarget;
import io.heapwarden.agent.instrument.collections.FieldHook;
import io.heapwarden.agent.instrument.collections.FieldWriteRewriter;
import io.heapwarden.agent.telemetry.Telemetry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.FieldInsnNode;

/**
 * The field-write rewrite over the whole corpus: a {@code collections:} rule on every field of a
 * collection or map type that a corpus class declares, the agent's transformer on every class, and
 * each result checked ({@link StoreCheck}, {@link ClassChecks}).
 */
final class FieldRun {
  private final Corpus corpus;
  private final Hierarchy hierarchy;
  private final ClassChecks checks;
  private final Tally tally;
  private final Map<String, Integer> ruleIds = new HashMap<>();

  /** The rewritten classes, by name, for the JVM sample. */
  final Map<String, byte[]> rewritten = new java.util.LinkedHashMap<>();

  FieldRun(Corpus corpus, Hierarchy hierarchy, Tally tally) {
    this.corpus = corpus;
    this.hierarchy = hierarchy;
    this.checks = new ClassChecks(hierarchy);
    this.tally = tally;
  }

  void run() {
    List<CollectionTarget> targets = ruleEveryCollectionField();
    Set<String> needles = new LinkedHashSet<>();
    for (CollectionTarget target : targets) {
      needles.add(target.ownerInternalName());
      needles.add(target.field());
    }
    Set<String> reported = new LinkedHashSet<>();
    FieldWriteRewriter rewriter =
        new FieldWriteRewriter(
            targets,
            (target, declaredType, reason) ->
                reported.add(target.ownerInternalName() + "." + target.field()));
    Map<String, Throwable> thrown = new HashMap<>();
    ClassRewriter recording =
        (loader, name, bytes) -> {
          try {
            return rewriter.rewrite(loader, name, bytes);
          } catch (RuntimeException | Error failure) {
            thrown.put(name, failure);
            throw failure;
          }
        };
    CorpusResources loader = new CorpusResources(corpus);
    try (Telemetry telemetry = Telemetry.create(AgentConfig.defaults())) {
      HeapwardenTransformer transformer =
          new HeapwardenTransformer(TargetIndex.of(needles), List.of(recording), telemetry);
      for (Corpus.Entry entry : corpus.classes()) {
        byte[] result = transformer.transform(loader, entry.name(), null, null, entry.bytes());
        Throwable failure = thrown.get(entry.name());
        if (failure != null) {
          tally.fail(
              "transform threw (class loaded unchanged, logged)", entry.name() + ": " + failure);
        } else if (result == null) {
          checkUnchanged(entry);
        } else {
          check(entry, result);
        }
      }
      tally.add("classes the pre-check passed to the rewriter", transformer.matchedClasses());
    }
    tally.add("ruled fields of a type the agent does not bound (reported)", reported.size());
  }

  /** One rule per field whose declared type is a java.util Collection or Map (or a subtype). */
  private List<CollectionTarget> ruleEveryCollectionField() {
    List<CollectionTarget> targets = new ArrayList<>();
    long boundable = 0;
    for (Corpus.Entry entry : corpus.classes()) {
      Hierarchy.Info info = hierarchy.info(entry.name());
      for (Map.Entry<String, String> field : new java.util.TreeMap<>(info.fields()).entrySet()) {
        if (!isCollectionOrMap(field.getValue())) {
          continue;
        }
        int id = targets.size();
        ruleIds.put(entry.name() + "." + field.getKey(), id);
        targets.add(
            new CollectionTarget(id, "corpus-" + id, entry.name(), field.getKey(), id % 2 == 0));
        if (FieldHook.COLLECTIONS.whyNot(field.getValue()) == null) {
          boundable++;
        }
      }
    }
    tally.add("fields ruled (declared Collection or Map types)", targets.size());
    tally.add("fields ruled of a type the agent bounds", boundable);
    return targets;
  }

  private boolean isCollectionOrMap(String descriptor) {
    if (!descriptor.startsWith("L")) {
      return false;
    }
    String type = descriptor.substring(1, descriptor.length() - 1);
    try {
      return hierarchy.isSubtype(type, "java/util/Collection")
          || hierarchy.isSubtype(type, "java/util/Map");
    } catch (Hierarchy.Missing unknown) {
      return false;
    }
  }

  /** The rule id a store's hook must carry, or null when the store must stay as it is. */
  private Integer expectedRule(FieldInsnNode store) {
    String declaring = hierarchy.declaringClass(store.owner, store.name);
    if (declaring == null) {
      return null;
    }
    Integer id = ruleIds.get(declaring + "." + store.name);
    return id == null || FieldHook.COLLECTIONS.whyNot(store.desc) != null ? null : id;
  }

  private void check(Corpus.Entry entry, byte[] result) {
    tally.count("classes rewritten");
    StoreCheck stores = new StoreCheck();
    stores.compare(entry.bytes(), result, this::expectedRule);
    tally.add("stores rewritten", stores.hookedStores);
    stores.storesByPlace.forEach((place, n) -> tally.detail("stores rewritten " + place, n));
    stores.flavors.forEach(flavor -> tally.detail("classes rewritten: " + flavor, 1));
    for (String problem : stores.problems) {
      tally.fail("rewritten code differs from the expected", entry.name() + ": " + problem);
    }
    String problem = checks.problem(result);
    if (problem == null) {
      tally.count("rewritten classes verified (CheckClassAdapter + analyzer)");
      rewritten.put(entry.name(), result);
      return;
    }
    String before = checks.problem(entry.bytes());
    if (before == null) {
      tally.fail("rewritten class does not verify", entry.name() + ": " + problem);
    } else {
      tally.note(
          "rewritten class not verifiable, nor the original: "
              + (before.startsWith(ClassChecks.MISSING) ? ClassChecks.MISSING : before));
    }
  }

  /** A class left as it was must have no store that resolves to a boundable ruled field. */
  private void checkUnchanged(Corpus.Entry entry) {
    new ClassReader(entry.bytes())
        .accept(
            new ClassVisitor(Opcodes.ASM9) {
              @Override
              public MethodVisitor visitMethod(
                  int access, String name, String desc, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                  @Override
                  public void visitFieldInsn(int opcode, String owner, String field, String type) {
                    if ((opcode == Opcodes.PUTFIELD || opcode == Opcodes.PUTSTATIC)
                        && expectedRule(new FieldInsnNode(opcode, owner, field, type)) != null) {
                      tally.fail(
                          "store to a ruled field left unchanged",
                          entry.name() + "." + name + desc + ": " + owner + "." + field);
                    }
                  }
                };
              }
            },
            ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
  }
}
