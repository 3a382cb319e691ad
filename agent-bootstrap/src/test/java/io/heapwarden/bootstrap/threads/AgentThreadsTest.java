package io.heapwarden.bootstrap.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AgentThreadsTest {
  private static final InheritableThreadLocal<String> SERVICE_LOCAL =
      new InheritableThreadLocal<>();

  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream originalErr;

  @BeforeEach
  void captureErr() {
    originalErr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restoreErr() {
    System.setErr(originalErr);
  }

  private String errText() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void takesNothingOfTheThreadThatCreatesIt() throws Exception {
    ClassLoader serviceLoader = new ClassLoader(null) {};
    Thread.currentThread().setContextClassLoader(serviceLoader);
    SERVICE_LOCAL.set("service");
    AtomicReference<String> seenLocal = new AtomicReference<>("unset");
    AtomicReference<ClassLoader> seenLoader = new AtomicReference<>(serviceLoader);
    ThreadGroup serviceGroup = new ThreadGroup("service-group");
    AtomicReference<Thread> made = new AtomicReference<>();
    Thread creator =
        new Thread(
            serviceGroup,
            () ->
                made.set(
                    AgentThreads.newThread(
                        "probe",
                        () -> {
                          seenLocal.set(SERVICE_LOCAL.get());
                          seenLoader.set(Thread.currentThread().getContextClassLoader());
                        })));
    creator.setContextClassLoader(serviceLoader);
    creator.setPriority(Thread.MIN_PRIORITY);
    try {
      creator.start();
      creator.join();
      Thread thread = made.get();
      thread.start();
      thread.join();

      assertThat(thread.getName()).isEqualTo("heapwarden-probe");
      assertThat(thread.isDaemon()).isTrue();
      assertThat(thread.getPriority()).isEqualTo(Thread.NORM_PRIORITY);
      assertThat(thread.getThreadGroup()).isNull(); // ended; while alive it is the root group
      assertThat(seenLocal.get()).as("inheritable thread local").isNull();
      assertThat(seenLoader.get()).as("context class loader").isNull();
    } finally {
      Thread.currentThread().setContextClassLoader(null);
      SERVICE_LOCAL.remove();
    }
  }

  @Test
  void livesInTheRootThreadGroup() throws Exception {
    AtomicReference<ThreadGroup> group = new AtomicReference<>();
    Thread thread =
        AgentThreads.newThread("group", () -> group.set(Thread.currentThread().getThreadGroup()));
    thread.start();
    thread.join();

    assertThat(group.get().getParent()).isNull();
  }

  @Test
  void aLoopThatRunsOutOfMemoryGoesOnAfterAPauseAndSaysSoOnceWithoutAStackTrace() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    Thread thread =
        AgentThreads.newLoop(
            "loop",
            () -> {
              if (runs.incrementAndGet() <= 2) {
                throw new OutOfMemoryError("Java heap space");
              }
            });
    thread.start();
    thread.join(10_000);

    assertThat(thread.isAlive()).isFalse();
    assertThat(runs.get()).isEqualTo(3);
    assertThat(errText())
        .isEqualTo(
            "[heapwarden] WARN heapwarden-loop ran out of memory; it goes on after a pause (at most"
                + " one such line a minute)"
                + System.lineSeparator());
  }

  @Test
  void aOneShotTaskThatFailsIsReportedWithItsStackTraceAndNotRunAgain() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    Thread thread =
        AgentThreads.newThread(
            "once",
            () -> {
              runs.incrementAndGet();
              throw new IllegalStateException("broken");
            });
    thread.start();
    thread.join(10_000);

    assertThat(runs.get()).isEqualTo(1);
    assertThat(errText())
        .startsWith(
            "[heapwarden] ERROR heapwarden-once failed: java.lang.IllegalStateException: broken")
        .contains("\tat ");
  }

  @Test
  void anInterruptDuringThePauseEndsALoop() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    Thread thread =
        AgentThreads.newLoop(
            "stoppable",
            () -> {
              runs.incrementAndGet();
              throw new IllegalStateException("again");
            });
    thread.start();
    while (runs.get() == 0) {
      Thread.onSpinWait();
    }
    thread.interrupt();
    thread.join(10_000);

    assertThat(thread.isAlive()).isFalse();
  }

  @Test
  void theLastFenceNeverThrows() {
    Thread thread = AgentThreads.newThread("fence", () -> {});

    thread.getUncaughtExceptionHandler().uncaughtException(thread, new OutOfMemoryError());

    assertThat(errText())
        .isEqualTo(
            "[heapwarden] WARN heapwarden-fence ran out of memory; its task is left unfinished"
                + System.lineSeparator());
  }
}
