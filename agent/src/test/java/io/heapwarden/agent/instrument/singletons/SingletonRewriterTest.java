package io.heapwarden.agent.instrument.singletons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapwarden.agent.config.OnClose;
import io.heapwarden.agent.config.SingletonKey;
import io.heapwarden.agent.config.SingletonRule;
import io.heapwarden.agent.config.SingletonScope;
import io.heapwarden.agent.config.SourcePosition;
import io.heapwarden.agent.instrument.HeapwardenTransformer;
import io.heapwarden.agent.instrument.RewritingLoader;
import io.heapwarden.agent.rules.RulePlan;
import io.heapwarden.agent.telemetry.Telemetry;
import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Limit;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import io.heapwarden.bootstrap.RuleTable;
import io.heapwarden.bootstrap.SignalListener;
import io.heapwarden.bootstrap.Signals;
import io.heapwarden.bootstrap.instances.InstanceHooks;
import io.heapwarden.bootstrap.singletons.SingletonHooks;
import java.lang.ref.WeakReference;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Rewritten fixture classes, loaded in a loader of their own per test, against the registry. */
class SingletonRewriterTest {
  private static final String FIXTURES = "io.heapwarden.agent.instrument.singletons.fixtures.";
  private static final String MODEL = "io/heapwarden/agent/instrument/singletons/fixtures/Model";
  private static final String MODELS = "io/heapwarden/agent/instrument/singletons/fixtures/Models";
  private static final String COUNTED =
      "io/heapwarden/agent/instrument/singletons/fixtures/Counted";

  private final List<String> skipped = new ArrayList<>();
  private final List<String> signals = new ArrayList<>();
  private Rule model;
  private Rule load;
  private Rule size;
  private Rule counted;

  @BeforeEach
  void install() {
    model = new Rule(0, "Model", RuleKind.SINGLETON, Rule.noLimits());
    load = new Rule(1, "Models.load(java.lang.String)", RuleKind.SINGLETON, Rule.noLimits());
    size = new Rule(2, "Models.size(java.lang.String)", RuleKind.SINGLETON, Rule.noLimits());
    long[] maxLive = Rule.noLimits();
    maxLive[Limit.MAX_LIVE.ordinal()] = 2;
    counted = new Rule(3, "Counted", RuleKind.INSTANCE, maxLive);
    RuleTable.install(List.of(model, load, size, counted));
    Signals.listen(
        new SignalListener() {
          @Override
          public void ruleFailed(Rule rule, Throwable failure) {
            signals.add("failed " + rule.name() + " " + failure);
          }

          @Override
          public synchronized void tooManyLive(
              Rule rule, long live, long limit, String instanceClass) {
            signals.add("too many " + rule.name() + " " + live + " > " + limit);
          }
        });
  }

  @AfterEach
  void uninstall() {
    RuleTable.install(List.of());
    Signals.listen(null);
  }

  private SingletonRewriter rewriter(int modelFlags) {
    return new SingletonRewriter(
        List.of(
            SingletonTarget.forClass(0, "Model", MODEL, modelFlags),
            SingletonTarget.forMethod(1, "load", MODELS, "load", List.of("java.lang.String"), 0),
            SingletonTarget.forMethod(2, "size", MODELS, "size", List.of("java.lang.String"), 0)),
        List.of(new InstanceTarget(3, "Counted", COUNTED)),
        (rule, className, reason) -> skipped.add(rule + " " + className + ": " + reason));
  }

  private RewritingLoader loader() {
    return new RewritingLoader(FIXTURES, rewriter(0));
  }

  private static Object call(Class<?> type, String name, Object... args) throws Exception {
    for (Method method : type.getMethods()) {
      if (method.getName().equals(name) && method.getParameterCount() == args.length) {
        try {
          return method.invoke(null, args);
        } catch (InvocationTargetException e) {
          throw (Exception) e.getCause();
        }
      }
    }
    throw new NoSuchMethodException(name);
  }

  private static int built(ClassLoader loader) throws Exception {
    Object counter = loader.loadClass(FIXTURES + "Model").getField("BUILT").get(null);
    return ((AtomicInteger) counter).get();
  }

  private static String name(Object model) throws Exception {
    return (String) model.getClass().getMethod("name").invoke(model);
  }

  @Test
  void equalArgumentsShareAnInstanceAndDifferentArgumentsDoNot() throws Exception {
    RewritingLoader loader = loader();
    Class<?> callers = loader.loadClass(FIXTURES + "Callers");

    Object a = call(callers, "make", "mini");
    Object b = call(callers, "make", new String("mini"));
    Object c = call(callers, "make", "other");
    Object d = call(callers, "make", "mini", 3);
    Object e = call(callers, "make", "mini", 3);

    assertThat(b).isSameAs(a);
    assertThat(c).isNotSameAs(a);
    assertThat(d).isSameAs(e).isNotSameAs(a);
    assertThat(built(loader)).isEqualTo(3);
    assertThat(model.total(Action.CREATED)).isEqualTo(3);
    assertThat(model.total(Action.REUSED)).isEqualTo(2);
  }

  @Test
  void primitiveArraysAreKeyedByContent() throws Exception {
    Class<?> callers = loader().loadClass(FIXTURES + "Callers");
    assertThat(call(callers, "weights", (Object) new int[] {1, 2}))
        .isSameAs(call(callers, "weights", (Object) new int[] {1, 2}))
        .isNotSameAs(call(callers, "weights", (Object) new int[] {1, 3}));
  }

  @Test
  void nestedNewInTheArgumentsIsSharedToo() throws Exception {
    RewritingLoader loader = loader();
    Class<?> callers = loader.loadClass(FIXTURES + "Callers");

    Object first = call(callers, "nested", "n");
    Object second = call(callers, "nested", "n");

    assertThat(second).isSameAs(first);
    assertThat(name(first)).isEqualTo("n+");
    assertThat(built(loader)).isEqualTo(2); // "n" and "n+"
  }

  @Test
  void conditionalArgumentsKeepValidFrames() throws Exception {
    RewritingLoader loader = loader();
    Class<?> callers = loader.loadClass(FIXTURES + "Callers");

    Object first = call(callers, "conditional", true, 0L);
    assertThat(call(callers, "conditional", true, 0L)).isSameAs(first);
    assertThat(name(call(callers, "conditional", false, 5L))).isEqualTo("second/5");
    assertThat(name(call(callers, "conditionalNested", true))).isEqualTo("in/1");
    assertThat(call(callers, "conditionalNested", true))
        .isSameAs(call(callers, "conditionalNested", true));
    assertThat(name(call(callers, "conditionalNested", false))).isEqualTo("out/2");
  }

  @Test
  void aSubclassIsNotSharedAndItsSuperCallIsNotRewritten() throws Exception {
    RewritingLoader loader = loader();
    Class<?> callers = loader.loadClass(FIXTURES + "Callers");

    Object a = call(callers, "sub", "s");
    Object b = call(callers, "sub", "s");

    assertThat(a).isNotSameAs(b);
    assertThat(a.getClass().getSimpleName()).isEqualTo("SubModel");
    assertThat(built(loader)).isEqualTo(2);
    assertThat(skipped).isEmpty();
  }

  @Test
  void aConstructorThatCreatesAnotherSharedInstanceOfTheRuleWorks() throws Exception {
    RewritingLoader loader = loader();
    Class<?> callers = loader.loadClass(FIXTURES + "Callers");

    Object outer = call(callers, "make", "outer");
    Object inner = outer.getClass().getField("inner").get(outer);

    assertThat(call(callers, "make", "outer")).isSameAs(outer);
    assertThat(call(callers, "make", "inner-of-outer")).isSameAs(inner);
  }

  @Test
  void aConstructorExceptionReachesTheCallerUnchangedAndNothingIsCached() throws Exception {
    RewritingLoader loader = loader();
    Class<?> callers = loader.loadClass(FIXTURES + "Callers");

    assertThatThrownBy(() -> call(callers, "make", "fail"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no model named fail");
    assertThatThrownBy(() -> call(callers, "make", "fail"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(model.total(Action.CREATED)).isZero();
    assertThat(model.enabled()).isTrue();
  }

  @Test
  void lambdaBodiesAreCallSitesToo() throws Exception {
    Class<?> callers = loader().loadClass(FIXTURES + "Callers");
    Supplier<?> supplier = (Supplier<?>) call(callers, "supplier", "l");
    assertThat(supplier.get()).isSameAs(supplier.get());
  }

  @Test
  void threadScopeSharesWithinAThreadOnly() throws Exception {
    Class<?> callers =
        new RewritingLoader(FIXTURES, rewriter(SingletonHooks.THREAD_SCOPE))
            .loadClass(FIXTURES + "Callers");
    Object mine = call(callers, "make", "t");
    Object[] theirs = new Object[2];
    Thread other =
        new Thread(
            () -> {
              try {
                theirs[0] = call(callers, "make", "t");
                theirs[1] = call(callers, "make", "t");
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    other.start();
    other.join();

    assertThat(call(callers, "make", "t")).isSameAs(mine);
    assertThat(theirs[1]).isSameAs(theirs[0]).isNotSameAs(mine);
  }

  @Test
  void classKeySharesOneInstanceWhateverTheArguments() throws Exception {
    Class<?> callers =
        new RewritingLoader(FIXTURES, rewriter(SingletonHooks.CLASS_KEY))
            .loadClass(FIXTURES + "Callers");
    assertThat(call(callers, "make", "a")).isSameAs(call(callers, "make", "b"));
  }

  @Test
  void closeOnASharedInstanceIsIgnoredAndReleaseDropsIt() throws Exception {
    RewritingLoader loader = loader();
    Class<?> callers = loader.loadClass(FIXTURES + "Callers");
    AtomicInteger closed =
        (AtomicInteger) loader.loadClass(FIXTURES + "Model").getField("CLOSED").get(null);

    assertThat(call(callers, "tryWithResources", "c")).isEqualTo("c");
    assertThat(call(callers, "tryWithResources", "c")).isEqualTo("c");
    Object shared = call(callers, "make", "c");
    call(callers, "close", shared);
    assertThat(closed).hasValue(0);
    assertThat(call(callers, "make", "c")).isSameAs(shared);

    RewritingLoader releasing =
        new RewritingLoader(FIXTURES, rewriter(SingletonHooks.RELEASE_ON_CLOSE));
    Class<?> releasingCallers = releasing.loadClass(FIXTURES + "Callers");
    AtomicInteger releasedCloses =
        (AtomicInteger) releasing.loadClass(FIXTURES + "Model").getField("CLOSED").get(null);
    Object first = call(releasingCallers, "make", "r");
    call(releasingCallers, "close", first);
    assertThat(releasedCloses).hasValue(1);
    assertThat(call(releasingCallers, "make", "r")).isNotSameAs(first);
  }

  @Test
  void staticAndInstanceFactoryMethodsAreMemoizedByTheirArguments() throws Exception {
    RewritingLoader loader = loader();
    Class<?> models = loader.loadClass(FIXTURES + "Models");
    AtomicInteger loads = (AtomicInteger) models.getField("LOADS").get(null);

    Object a = call(models, "load", "x");
    assertThat(call(models, "load", "x")).isSameAs(a);
    assertThat(call(models, "load", "y")).isNotSameAs(a);
    assertThat(loads).hasValue(2);
    assertThat(models.getMethod("load", String.class).isAnnotationPresent(Deprecated.class))
        .isTrue();
    assertThatThrownBy(() -> call(models, "load", "missing"))
        .isInstanceOf(IllegalArgumentException.class);

    Object eu = models.getConstructor(String.class).newInstance("eu");
    Object eu2 = models.getConstructor(String.class).newInstance("eu");
    Object us = models.getConstructor(String.class).newInstance("us");
    Method sizeOf = models.getMethod("size", String.class);
    loads.set(0);
    assertThat(sizeOf.invoke(eu, "abc")).isEqualTo(5);
    assertThat(sizeOf.invoke(eu2, "abc")).isEqualTo(5); // an equal receiver: memoized
    assertThat(sizeOf.invoke(us, "abc")).isEqualTo(5);
    assertThat(loads).hasValue(2);
    assertThat(size.total(Action.REUSED)).isEqualTo(1);
  }

  @Test
  void liveInstancesAreCountedOncePerInstanceAndReportedOverTheLimit() throws Exception {
    Class<?> type = loader().loadClass(FIXTURES + "Counted");
    List<Object> kept = new ArrayList<>();
    kept.add(type.getConstructor().newInstance()); // delegates to Counted(int): counted once
    kept.add(type.getConstructor(int.class).newInstance(1));
    assertThat(InstanceHooks.live(counted)).isEqualTo(2);
    assertThat(signals).isEmpty();

    kept.add(type.getConstructor(int.class).newInstance(2));
    assertThat(InstanceHooks.live(counted)).isEqualTo(3);
    assertThat(signals).containsExactly("too many Counted 3 > 2");

    kept.clear();
    for (int i = 0; i < 50 && InstanceHooks.live(counted) > 0; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(InstanceHooks.live(counted)).isZero();
  }

  @Test
  void theRegistryDoesNotKeepAClassLoaderAlive() throws Exception {
    WeakReference<ClassLoader> loader = useAndDropALoader();
    for (int i = 0; i < 100 && loader.get() != null; i++) {
      System.gc();
      Thread.sleep(20);
    }
    assertThat(loader.get()).as("the loader of shared instances was collected").isNull();
  }

  private WeakReference<ClassLoader> useAndDropALoader() throws Exception {
    RewritingLoader loader = loader();
    Class<?> callers = loader.loadClass(FIXTURES + "Callers");
    Object shared = call(callers, "make", "pinned?");
    assertThat(call(callers, "make", "pinned?")).isSameAs(shared);
    call(callers, "close", shared); // deferred to shutdown: held weakly
    Class<?> models = loader.loadClass(FIXTURES + "Models");
    assertThat(call(models, "load", "z")).isSameAs(call(models, "load", "z"));
    Class<?> counter = loader.loadClass(FIXTURES + "Counted");
    counter.getConstructor().newInstance();
    return new WeakReference<>(loader);
  }

  /** Class files of old versions: no frames before 50, no ldc of a class before 49. */
  @ParameterizedTest
  @ValueSource(ints = {Opcodes.V1_4, Opcodes.V1_5, Opcodes.V1_6, Opcodes.V1_7, Opcodes.V17})
  void oldClassFileVersionsAreRewritten(int version) throws Exception {
    String name = "generated/OldCaller" + (version & 0xFFFF);
    RewritingLoader loader = loader();
    loader.with(name, oldCaller(name, version));
    Class<?> caller = loader.loadClass(name.replace('/', '.'));

    Object a = call(caller, "make", true);
    Object b = call(caller, "make", true);
    Object c = call(caller, "make", false);

    assertThat(b).isSameAs(a);
    assertThat(c).isNotSameAs(a);
    assertThat(name(a)).isEqualTo("yes");
    assertThat(loader.rewritten).isGreaterThanOrEqualTo(1);
  }

  /**
   * {@code static Model make(boolean b) { return new Model(b ? "yes" : "no"); }}, with frames from
   * version 50 on (computed here by ASM, which can load Model from this test's class path).
   */
  private static byte[] oldCaller(String name, int version) {
    boolean frames = (version & 0xFFFF) >= Opcodes.V1_6;
    ClassWriter writer =
        new ClassWriter(frames ? ClassWriter.COMPUTE_FRAMES : ClassWriter.COMPUTE_MAXS);
    writer.visit(
        version, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, "java/lang/Object", null);
    MethodVisitor make =
        writer.visitMethod(
            Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "make", "(Z)L" + MODEL + ";", null, null);
    make.visitCode();
    Label no = new Label();
    Label done = new Label();
    make.visitTypeInsn(Opcodes.NEW, MODEL);
    make.visitInsn(Opcodes.DUP);
    make.visitVarInsn(Opcodes.ILOAD, 0);
    make.visitJumpInsn(Opcodes.IFEQ, no);
    make.visitLdcInsn("yes");
    make.visitJumpInsn(Opcodes.GOTO, done);
    make.visitLabel(no);
    make.visitLdcInsn("no");
    make.visitLabel(done);
    make.visitMethodInsn(Opcodes.INVOKESPECIAL, MODEL, "<init>", "(Ljava/lang/String;)V", false);
    make.visitInsn(Opcodes.ARETURN);
    make.visitMaxs(0, 0);
    make.visitEnd();
    writer.visitEnd();
    return writer.toByteArray();
  }

  @Test
  void aRetransformationRewritesOnlyClassesThatWereRewrittenWhenLoaded() throws Exception {
    SingletonRule spec =
        new SingletonRule(
            MODEL.replace('/', '.'),
            null,
            SingletonKey.ARGUMENTS,
            SingletonScope.GLOBAL,
            OnClose.IGNORE,
            new SourcePosition("heapwarden.yaml", 1, 1));
    HeapwardenTransformer transformer =
        new HeapwardenTransformer(
            RulePlan.of(List.of(spec)).targets(), List.of(rewriter(0)), Telemetry.create(null));
    // not under io/heapwarden/agent/, which the transformer never rewrites
    String callers = "generated/Retransformed";
    byte[] original = oldCaller(callers, Opcodes.V17);
    Class<?> rewrittenAtLoad =
        loader().with(callers, original).loadClass(callers.replace('/', '.'));
    Class<?> loadedBeforeTheAgent =
        new RewritingLoader(FIXTURES, (l, n, b) -> null)
            .with(callers, original)
            .loadClass(callers.replace('/', '.'));

    assertThat(transformer.transform(null, callers, null, null, original)).isNotNull();
    assertThat(transformer.transform(null, callers, rewrittenAtLoad, null, original)).isNotNull();
    assertThat(transformer.transform(null, callers, loadedBeforeTheAgent, null, original))
        .as("adding methods would make the retransformation fail")
        .isNull();
  }

  @Test
  void aNewWithoutDupIsLeftUnchangedAndReported() throws Exception {
    Class<?> noDup =
        makerClass(
            "generated/NoDup",
            make -> {
              make.visitTypeInsn(Opcodes.NEW, MODEL);
              make.visitVarInsn(Opcodes.ASTORE, 0); // not what javac writes, but valid
              make.visitVarInsn(Opcodes.ALOAD, 0);
              make.visitLdcInsn("kept");
              make.visitMethodInsn(
                  Opcodes.INVOKESPECIAL, MODEL, "<init>", "(Ljava/lang/String;)V", false);
              make.visitVarInsn(Opcodes.ALOAD, 0);
            });

    assertThat(call(noDup, "make")).isNotSameAs(call(noDup, "make"));
    assertThat(skipped).anyMatch(line -> line.contains("not followed by DUP"));
  }

  /**
   * A {@code new Model} and its {@code DUP} that no constructor call completes (found by
   * ClassFileFuzzTest): rewriting removed the two instructions and left a class that does not
   * verify; the class must load unchanged instead.
   */
  @Test
  void aNewThatNoConstructorCompletesLeavesTheClassUnchangedAndReported() throws Exception {
    Class<?> abandoned =
        makerClass(
            "generated/Abandoned",
            make -> {
              make.visitTypeInsn(Opcodes.NEW, MODEL);
              make.visitInsn(Opcodes.DUP);
              make.visitInsn(Opcodes.POP2); // both uninitialized references dropped: valid
              make.visitInsn(Opcodes.ACONST_NULL);
            });

    assertThat(call(abandoned, "make")).isNull();
    assertThat(skipped).anyMatch(line -> line.contains("is never completed by a constructor"));
  }

  /** Loads through the rewriter {@code public static Model make()} whose body ends in a return. */
  private Class<?> makerClass(String name, Consumer<MethodVisitor> body) throws Exception {
    ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_FRAMES);
    writer.visit(
        Opcodes.V17, Opcodes.ACC_PUBLIC | Opcodes.ACC_SUPER, name, null, "java/lang/Object", null);
    MethodVisitor make =
        writer.visitMethod(
            Opcodes.ACC_PUBLIC | Opcodes.ACC_STATIC, "make", "()L" + MODEL + ";", null, null);
    make.visitCode();
    body.accept(make);
    make.visitInsn(Opcodes.ARETURN);
    make.visitMaxs(0, 0);
    make.visitEnd();
    writer.visitEnd();
    return loader().with(name, writer.toByteArray()).loadClass(name.replace('/', '.'));
  }
}
