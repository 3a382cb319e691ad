package io.heapwarden.corpus;

import io.heapwarden.agent.config.AgentConfig;
import io.heapwarden.agent.instrument.ClassRewriter;
import io.heapwarden.agent.instrument.HeapwardenTransformer;
import io.heapwarden.agent.instrument.TargetIndex;
import io.heapwarden.agent.instrument.singletons.SingletonRewriter;
import io.heapwarden.agent.instrument.singletons.SingletonTarget;
import io.heapwarden.agent.telemetry.Telemetry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The singleton rewrite on a sample of construction sites: every {@code stride}-th class that
 * constructs a corpus class gets a {@code singletons:} rule on the first class it constructs, and
 * the result is verified; every {@code new} of the ruled class must be rewritten or reported.
 */
final class SingletonSample {
  private static final String SYNTHETIC_PREFIX = "heapwarden$";

  private final Corpus corpus;
  private final ClassChecks checks;
  private final Tally tally;
  private final int stride;

  /** The rewritten classes, by name, for the JVM sample. */
  final Map<String, byte[]> rewritten = new LinkedHashMap<>();

  SingletonSample(Corpus corpus, Hierarchy hierarchy, Tally tally, int stride) {
    this.corpus = corpus;
    this.checks = new ClassChecks(hierarchy);
    this.tally = tally;
    this.stride = stride;
  }

  void run() {
    CorpusResources loader = new CorpusResources(corpus);
    int constructing = 0;
    try (Telemetry telemetry = Telemetry.create(AgentConfig.defaults())) {
      for (Corpus.Entry entry : corpus.classes()) {
        String constructed = firstConstructed(entry.bytes());
        if (constructed == null || constructing++ % stride != 0) {
          continue;
        }
        tally.count("classes sampled");
        List<String> skipped = new ArrayList<>();
        Throwable[] thrown = new Throwable[1];
        int id = (int) tally.get("classes sampled");
        SingletonRewriter rewriter =
            new SingletonRewriter(
                List.of(SingletonTarget.forClass(id, "corpus-" + id, constructed, id % 8)),
                List.of(),
                (rule, className, reason) -> skipped.add(reason));
        ClassRewriter recording =
            (l, name, bytes) -> {
              try {
                return rewriter.rewrite(l, name, bytes);
              } catch (RuntimeException | Error failure) {
                thrown[0] = failure;
                throw failure;
              }
            };
        HeapwardenTransformer transformer =
            new HeapwardenTransformer(
                TargetIndex.of(Set.of(constructed)), List.of(recording), telemetry);
        byte[] result = transformer.transform(loader, entry.name(), null, null, entry.bytes());
        tally.add("construction sites left unchanged with a logged reason", skipped.size());
        skipped.forEach(
            reason ->
                tally.detail(
                    "left unchanged: " + reason.replaceAll("[\\w$]+(?:[/.][\\w$]+)+", "C"), 1));
        if (thrown[0] != null) {
          tally.fail(
              "singleton transform threw (class loaded unchanged, logged)",
              entry.name() + ": " + thrown[0]);
        } else if (result == null) {
          if (skipped.isEmpty()) {
            tally.fail("ruled construction left unchanged without a reason", entry.name());
          }
        } else {
          check(entry, constructed, result, skipped.size());
        }
      }
    }
  }

  private void check(Corpus.Entry entry, String constructed, byte[] result, int skipped) {
    tally.count("classes rewritten");
    int[] before = sites(entry.bytes(), constructed);
    int[] after = sites(result, constructed);
    tally.add("construction sites rewritten", after[1]);
    if (after[0] > skipped) {
      tally.fail(
          "new of the ruled class left without a reason",
          entry.name() + ": " + after[0] + " left, " + skipped + " reported");
    }
    if (after[1] < before[0] - after[0]) {
      tally.fail(
          "construction removed without a synthetic call",
          entry.name()
              + ": "
              + before[0]
              + " before, "
              + after[0]
              + " after, "
              + after[1]
              + " calls");
    }
    String problem = checks.problem(result);
    if (problem == null) {
      tally.count("rewritten classes verified (CheckClassAdapter + analyzer)");
      rewritten.put(entry.name(), result);
      return;
    }
    String original = checks.problem(entry.bytes());
    if (original == null) {
      tally.fail("rewritten class does not verify", entry.name() + ": " + problem);
    } else {
      tally.note(
          "rewritten class not verifiable, nor the original: "
              + (original.startsWith(ClassChecks.MISSING) ? ClassChecks.MISSING : original));
    }
  }

  /** The first corpus class (not an interface) that {@code classFile} constructs with new. */
  private String firstConstructed(byte[] classFile) {
    String[] first = new String[1];
    new ClassReader(classFile)
        .accept(
            new ClassVisitor(Opcodes.ASM9) {
              @Override
              public MethodVisitor visitMethod(
                  int access, String name, String desc, String signature, String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                  @Override
                  public void visitTypeInsn(int opcode, String type) {
                    if (opcode == Opcodes.NEW && first[0] == null && corpus.bytes(type) != null) {
                      first[0] = type;
                    }
                  }
                };
              }
            },
            ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return first[0];
  }

  /** {news of the class, calls to this class's synthetic construction methods}. */
  private static int[] sites(byte[] classFile, String constructed) {
    ClassReader reader = new ClassReader(classFile);
    String self = reader.getClassName();
    int[] counts = new int[2];
    reader.accept(
        new ClassVisitor(Opcodes.ASM9) {
          @Override
          public MethodVisitor visitMethod(
              int access, String name, String desc, String signature, String[] exceptions) {
            if (name.startsWith(SYNTHETIC_PREFIX)) {
              return null; // the synthetic methods construct the instance themselves
            }
            return new MethodVisitor(Opcodes.ASM9) {
              @Override
              public void visitTypeInsn(int opcode, String type) {
                if (opcode == Opcodes.NEW && type.equals(constructed)) {
                  counts[0]++;
                }
              }

              @Override
              public void visitMethodInsn(
                  int opcode, String owner, String method, String descriptor, boolean itf) {
                if (opcode == Opcodes.INVOKESTATIC
                    && owner.equals(self)
                    && method.startsWith(SYNTHETIC_PREFIX + "new$")) {
                  counts[1]++;
                }
              }
            };
          }
        },
        ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return counts;
  }
}
