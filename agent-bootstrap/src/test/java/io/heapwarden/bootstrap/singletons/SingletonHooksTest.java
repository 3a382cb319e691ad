package io.heapwarden.bootstrap.singletons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.heapwarden.bootstrap.Action;
import io.heapwarden.bootstrap.Rule;
import io.heapwarden.bootstrap.RuleKind;
import io.heapwarden.bootstrap.RuleTable;
import io.heapwarden.bootstrap.SignalListener;
import io.heapwarden.bootstrap.Signals;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The registry as the synthetic methods of rewritten code drive it. */
class SingletonHooksTest {
  private static final AtomicInteger TESTS = new AtomicInteger();
  private final List<String> signals = new ArrayList<>();
  private Rule rule;

  private final Class<?> home = SingletonHooksTest.class;

  /** A descriptor of its own per test, so that tests never see each other's instances. */
  private final String shape = "(I)V" + TESTS.incrementAndGet();

  @BeforeEach
  void install() {
    rule = new Rule(0, "test.Model", RuleKind.SINGLETON, Rule.noLimits());
    RuleTable.install(List.of(rule));
    Signals.listen(
        new SignalListener() {
          @Override
          public void ruleFailed(Rule failed, Throwable failure) {
            signals.add("failed " + failure);
          }

          @Override
          public synchronized void singletonCreated(Rule r, String key, long nanos) {
            signals.add("created " + key);
          }

          @Override
          public void identityArguments(Rule r, String argumentClass) {
            signals.add("identity " + argumentClass);
          }

          @Override
          public void closeIgnored(Rule r, String instanceClass) {
            signals.add("close ignored " + instanceClass);
          }
        });
  }

  @AfterEach
  void uninstall() {
    RuleTable.install(List.of());
    Signals.listen(null);
  }

  /** What a rewritten call site does. */
  private Object shared(int flags, Object[] args, Supplier<Object> constructor) {
    Object found = SingletonHooks.enter(0, flags, home, shape, args);
    if (!(found instanceof Creation)) {
      return found;
    }
    try {
      return SingletonHooks.created(found, constructor.get());
    } catch (RuntimeException | Error e) {
      SingletonHooks.failed(found);
      throw e;
    }
  }

  private Object shared(Object... args) {
    return shared(0, args, () -> new Object());
  }

  @Test
  void equalArgumentsShareOneInstanceAndDifferentArgumentsDoNot() {
    Object a = shared("mini", 1);
    Object b = shared(new String("mini"), 1);
    Object c = shared("other", 1);

    assertThat(b).isSameAs(a);
    assertThat(c).isNotSameAs(a);
    assertThat(rule.total(Action.CREATED)).isEqualTo(2);
    assertThat(rule.total(Action.REUSED)).isEqualTo(1);
    assertThat(signals).containsExactly("created (\"mini\", 1)", "created (\"other\", 1)");
  }

  @Test
  void arraysAreComparedByContentAndCopiedIntoTheKey() {
    int[] weights = {1, 2, 3};
    Object a = shared(weights, new String[][] {{"x"}});
    weights[0] = 99; // the caller reuses its array: the stored key must not change with it
    Object b = shared(new int[] {1, 2, 3}, new String[][] {{"x"}});
    Object c = shared(new int[] {99, 2, 3}, new String[][] {{"x"}});

    assertThat(b).isSameAs(a);
    assertThat(c).isNotSameAs(a);
  }

  @Test
  void classKeySharesOneInstanceWhateverTheArguments() {
    Object a = shared(SingletonHooks.CLASS_KEY, null, Object::new);
    Object b = shared(SingletonHooks.CLASS_KEY, null, Object::new);
    assertThat(b).isSameAs(a);
  }

  @Test
  void argumentsComparedByIdentityAreNotSharedAndReportedOnce() {
    Object a = shared(new Object());
    Object b = shared(new Object());
    Object c = shared(new Object());

    assertThat(a).isNotSameAs(b).isNotSameAs(c);
    assertThat(rule.total(Action.CREATED)).isZero();
    assertThat(signals).containsExactly("identity java.lang.Object");
  }

  @Test
  void threadScopeGivesEachThreadItsOwnInstance() throws Exception {
    Object mine = shared(SingletonHooks.THREAD_SCOPE, new Object[] {"k"}, Object::new);
    Object mineAgain = shared(SingletonHooks.THREAD_SCOPE, new Object[] {"k"}, Object::new);
    Object[] theirs = new Object[2];
    Thread other =
        new Thread(
            () -> {
              theirs[0] = shared(SingletonHooks.THREAD_SCOPE, new Object[] {"k"}, Object::new);
              theirs[1] = shared(SingletonHooks.THREAD_SCOPE, new Object[] {"k"}, Object::new);
            });
    other.start();
    other.join();

    assertThat(mineAgain).isSameAs(mine);
    assertThat(theirs[1]).isSameAs(theirs[0]);
    assertThat(theirs[0]).isNotSameAs(mine);
  }

  @Test
  void aConstructorThatThrowsPropagatesItsExceptionAndNothingIsCached() {
    IllegalStateException boom = new IllegalStateException("model file missing");
    assertThatThrownBy(
            () ->
                shared(
                    0,
                    new Object[] {"m"},
                    () -> {
                      throw boom;
                    }))
        .isSameAs(boom);

    Object built = shared("m");
    assertThat(shared("m")).isSameAs(built);
    assertThat(rule.total(Action.CREATED)).isEqualTo(1);
    assertThat(rule.enabled()).isTrue();
  }

  @Test
  void concurrentFirstCallsBuildExactlyOneInstance() throws Exception {
    int threads = 8;
    AtomicInteger constructions = new AtomicInteger();
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Object>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return shared(
                      0,
                      new Object[] {"model"},
                      () -> {
                        constructions.incrementAndGet();
                        sleep(50); // a slow constructor: the others arrive while it runs
                        return new Object();
                      });
                }));
      }
      Object first = results.get(0).get(10, TimeUnit.SECONDS);
      for (Future<Object> result : results) {
        assertThat(result.get(10, TimeUnit.SECONDS)).isSameAs(first);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(constructions).hasValue(1);
    assertThat(rule.total(Action.REUSED)).isEqualTo(threads - 1);
  }

  @Test
  void waitersRetryWhenTheCreatorsConstructorThrows() throws Exception {
    CountDownLatch creating = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread failing =
        new Thread(
            () -> {
              try {
                shared(
                    0,
                    new Object[] {"m"},
                    () -> {
                      creating.countDown();
                      await(release);
                      throw new IllegalStateException("first attempt fails");
                    });
              } catch (IllegalStateException expected) {
                // the creator's own exception
              }
            });
    failing.start();
    creating.await();
    Object[] waited = new Object[1];
    Thread waiter = new Thread(() -> waited[0] = shared("m"));
    waiter.start();
    Thread.sleep(50);
    release.countDown();
    failing.join();
    waiter.join();

    assertThat(waited[0]).isNotNull().isSameAs(shared("m"));
  }

  @Test
  void aConstructorCreatingAnotherKeyOfTheSameRuleDoesNotDeadlock() {
    Object outer =
        shared(
            0,
            new Object[] {"outer"},
            () -> List.of(shared("inner"))); // the outer constructor builds a shared inner one

    assertThat(shared("outer")).isSameAs(outer);
    assertThat(((List<?>) outer).get(0)).isSameAs(shared("inner"));
  }

  @Test
  void aConstructorCreatingItsOwnKeyGetsAnUnsharedInstanceInsteadOfWaitingForItself() {
    Object outer = shared(0, new Object[] {"self"}, () -> List.of(shared("self")));

    assertThat(((List<?>) outer).get(0)).isNotSameAs(outer);
    assertThat(shared("self")).isSameAs(outer);
  }

  @Test
  void twoThreadsCreatingEachOthersKeysDoNotDeadlock() throws Exception {
    CyclicBarrier bothCreating = new CyclicBarrier(2);
    Object[] results = new Object[2];
    Thread a =
        new Thread(
            () ->
                results[0] =
                    shared(
                        0,
                        new Object[] {"A"},
                        () -> {
                          await(bothCreating);
                          return List.of(shared(0, new Object[] {"B"}, Object::new));
                        }));
    Thread b =
        new Thread(
            () ->
                results[1] =
                    shared(
                        0,
                        new Object[] {"B"},
                        () -> {
                          await(bothCreating);
                          return List.of(shared(0, new Object[] {"A"}, Object::new));
                        }));
    a.start();
    b.start();
    a.join(10_000);
    b.join(10_000);

    assertThat(a.isAlive() || b.isAlive()).as("deadlocked").isFalse();
    assertThat(results).doesNotContainNull();
  }

  @Test
  void closeOnASharedInstanceIsIgnoredUntilShutdownAndCountedOnce() throws Exception {
    AtomicInteger closes = new AtomicInteger();
    Supplier<Object> closeable = () -> (AutoCloseable) closes::incrementAndGet;
    Object model = shared(0, new Object[] {"c"}, closeable);

    assertThat(SingletonHooks.closing(model, 0, 0)).isFalse();
    assertThat(SingletonHooks.closing(model, 0, 0)).isFalse();
    assertThat(shared(0, new Object[] {"c"}, closeable)).isSameAs(model);
    assertThat(closes).hasValue(0);
    assertThat(signals).filteredOn(s -> s.startsWith("close ignored")).hasSize(1);

    assertThat(DeferredCloses.closeAll()).isGreaterThanOrEqualTo(1);
    assertThat(closes).hasValue(1);
  }

  @Test
  void closeWithReleaseDropsTheInstanceAndLetsTheCallerCloseIt() {
    Supplier<Object> closeable =
        () ->
            new AutoCloseable() {
              @Override
              public void close() {}
            };
    Object first = shared(0, new Object[] {"r"}, closeable);

    assertThat(SingletonHooks.closing(first, 0, SingletonHooks.RELEASE_ON_CLOSE)).isTrue();
    Object second = shared(0, new Object[] {"r"}, closeable);
    assertThat(second).isNotSameAs(first);
  }

  @Test
  void closeOnAnUnsharedInstanceProceeds() {
    AutoCloseable unshared =
        new AutoCloseable() {
          @Override
          public void close() {}
        };
    assertThat(SingletonHooks.closing(unshared, 0, 0)).isTrue();
  }

  @Test
  void aDisabledRuleBuildsUnsharedInstances() {
    rule.fail(new IllegalStateException("test"));
    assertThat(shared("x")).isNotSameAs(shared("x"));
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CyclicBarrier barrier) {
    try {
      barrier.await(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
