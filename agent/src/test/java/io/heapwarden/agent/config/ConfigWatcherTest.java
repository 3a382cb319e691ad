package io.heapwarden.agent.config;

import static io.heapwarden.agent.config.ConfigFiles.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.log.LogLevel;
import io.heapwarden.agent.rules.Kinds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigWatcherTest {
  private static final Duration INTERVAL = Duration.ofMillis(20);

  /** Long enough for many polls: used to check that nothing is delivered. */
  private static final long QUIET_MILLIS = 300;

  /** Generous: only reached when a test fails. */
  private static final long TIMEOUT_SECONDS = 10;

  @TempDir Path dir;
  ConfigFiles files;
  final BlockingQueue<AgentConfig> valid = new LinkedBlockingQueue<>();
  final BlockingQueue<List<ConfigProblem>> invalid = new LinkedBlockingQueue<>();
  final List<ConfigWatcher> watchers = new ArrayList<>();

  @BeforeEach
  void setUp() {
    files = new ConfigFiles(dir);
  }

  @AfterEach
  void closeWatchers() throws InterruptedException {
    for (ConfigWatcher watcher : watchers) {
      watcher.close();
      watcher.thread().join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
    }
  }

  private static String limitConfig(int maxEntries) {
    return yaml("collections:", "  - field: a.B.cache", "    max-entries: " + maxEntries);
  }

  private ConfigWatcher watch(Path file) {
    ConfigWatcher watcher =
        ConfigWatcher.watch(files.request(file), INTERVAL, valid::add, invalid::add);
    watchers.add(watcher);
    return watcher;
  }

  /** Loads the file as the agent does at start-up, then watches it. */
  private ConfigWatcher startLikeTheAgent(Path file) {
    assertThat(ConfigLoader.load(files.request(file))).isInstanceOf(ConfigResult.Valid.class);
    return watch(file);
  }

  private AgentConfig nextValid() throws InterruptedException {
    AgentConfig config = valid.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    assertThat(config).as("a valid config within %ss", TIMEOUT_SECONDS).isNotNull();
    return config;
  }

  private List<String> nextInvalid() throws InterruptedException {
    List<ConfigProblem> problems = invalid.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    assertThat(problems).as("problems within %ss", TIMEOUT_SECONDS).isNotNull();
    return problems.stream().map(ConfigProblem::format).toList();
  }

  private void assertQuiet() throws InterruptedException {
    assertThat(valid.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)).isNull();
    assertThat(invalid.poll(1, TimeUnit.MILLISECONDS)).isNull();
  }

  private static long maxEntries(AgentConfig config) {
    return config.rules(CollectionRule.class).get(0).maxEntries();
  }

  @Test
  void pollsOnOneDaemonThreadNamedForIt() {
    ConfigWatcher watcher = startLikeTheAgent(files.write(limitConfig(1)));

    assertThat(watcher.thread().getName()).isEqualTo("heapwarden-config-watcher");
    assertThat(watcher.thread().isDaemon()).isTrue();
    assertThat(watcher.thread().isAlive()).isTrue();
  }

  @Test
  void deliversEachValidChangeAndNothingWhileTheFileIsUnchanged() throws Exception {
    Path file = files.write(limitConfig(1));
    startLikeTheAgent(file);
    assertQuiet();

    files.write(limitConfig(2));
    assertThat(maxEntries(nextValid())).isEqualTo(2);

    files.write(limitConfig(3));
    assertThat(maxEntries(nextValid())).isEqualTo(3);
    assertQuiet();
  }

  @Test
  void deliversTheProblemsOfAnInvalidChange() throws Exception {
    Path file = files.write(limitConfig(1));
    startLikeTheAgent(file);

    files.write(limitConfig(0));

    assertThat(nextInvalid())
        .containsExactly(
            "heapwarden.yaml:3:18: collections[0].max-entries: must be a positive whole number,"
                + " got 0 (hint: remove the key to leave the limit unset)");
    files.write(limitConfig(4));
    assertThat(maxEntries(nextValid())).isEqualTo(4);
  }

  @Test
  void aFileTruncatedToEmptyIsRefusedAndTheLastGoodConfigStays() throws Exception {
    Path file = files.write(limitConfig(1));
    startLikeTheAgent(file);

    files.write("# truncated\n");

    assertThat(nextInvalid())
        .containsExactly(
            "heapwarden.yaml: the config file is empty (hint: write at least one key, e.g."
                + " 'collections: []' for no rules; an empty file is refused since a file"
                + " truncated while being written would look the same)");
    assertQuiet();
    files.write(limitConfig(6));
    assertThat(maxEntries(nextValid())).isEqualTo(6);
  }

  @Test
  void touchingTheFileWithoutChangingItDoesNothing() throws Exception {
    Path file = files.write(limitConfig(1));
    startLikeTheAgent(file);

    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 60_000));

    assertQuiet();
  }

  @Test
  void survivesTheFileDisappearingAndReappearing() throws Exception {
    Path file = files.write(limitConfig(1));
    ConfigWatcher watcher = startLikeTheAgent(file);

    Files.delete(file);

    assertThat(nextInvalid())
        .containsExactly(
            "heapwarden.yaml: cannot read the config file: no such file (hint: the path resolves"
                + " to "
                + file
                + "; the last good configuration stays in force)");
    assertQuiet(); // reported once, not on every poll

    files.write(limitConfig(5));
    assertThat(maxEntries(nextValid())).isEqualTo(5);
    assertThat(watcher.thread().isAlive()).isTrue();
  }

  @Test
  void followsAKubernetesConfigMapSymlinkSwap() throws Exception {
    // The kubelet's layout: file -> ..data/file, ..data -> ..<timestamp>/, swapped by rename.
    Path first = Files.createDirectory(dir.resolve("..2024_01_01_00_00_00.1"));
    Files.writeString(first.resolve("heapwarden.yaml"), limitConfig(1));
    Files.createSymbolicLink(dir.resolve("..data"), first.getFileName());
    Path file = dir.resolve("heapwarden.yaml");
    Files.createSymbolicLink(file, Path.of("..data/heapwarden.yaml"));
    startLikeTheAgent(file);

    Path second = Files.createDirectory(dir.resolve("..2024_01_01_00_05_00.2"));
    Files.writeString(second.resolve("heapwarden.yaml"), limitConfig(7));
    Files.createSymbolicLink(dir.resolve("..data_tmp"), second.getFileName());
    Files.move(dir.resolve("..data_tmp"), dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE);
    Files.delete(first.resolve("heapwarden.yaml"));
    Files.delete(first);

    assertThat(maxEntries(nextValid())).isEqualTo(7);
  }

  @Test
  void aFailingCallbackDoesNotStopTheWatcher() throws Exception {
    Path file = files.write(limitConfig(1));
    AtomicInteger calls = new AtomicInteger();
    ConfigWatcher watcher =
        ConfigWatcher.watch(
            files.request(file),
            INTERVAL,
            config -> {
              if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("the caller failed to apply it");
              }
              valid.add(config);
            },
            invalid::add);
    watchers.add(watcher);

    files.write(limitConfig(2));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (calls.get() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    assertThat(calls.get()).as("the failing callback ran").isEqualTo(1);
    files.write(limitConfig(3));

    assertThat(maxEntries(nextValid())).isEqualTo(3);
    assertThat(watcher.thread().isAlive()).isTrue();
  }

  @Test
  void aChangeBetweenTheAgentsStartAndTheWatchersIsNotMissed() throws Exception {
    Path file = files.write(limitConfig(1));
    assertThat(ConfigLoader.load(files.request(file))).isInstanceOf(ConfigResult.Valid.class);

    files.write(limitConfig(8));
    watch(file);

    assertThat(maxEntries(nextValid())).isEqualTo(8);
  }

  @Test
  void reappliesTheOverridesToEachVersion() throws Exception {
    Path file = files.write(limitConfig(1));
    ConfigRequest request =
        ConfigRequest.locate(
            Kinds.schema(),
            "config=" + file.getFileName() + ",logging.level=debug",
            java.util.Map.of("user.dir", dir.toString()),
            java.util.Map.of());
    ConfigLoader.load(request);
    watchers.add(ConfigWatcher.watch(request, INTERVAL, valid::add, invalid::add));

    files.write(limitConfig(2));

    AgentConfig next = nextValid();
    assertThat(next.logging().level()).isEqualTo(LogLevel.DEBUG);
    assertThat(next.source()).isEqualTo(ConfigFiles.NAME);
  }

  @Test
  void closeEndsTheThread() throws Exception {
    ConfigWatcher watcher = startLikeTheAgent(files.write(limitConfig(1)));

    watcher.close();
    watcher.thread().join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));

    assertThat(watcher.thread().isAlive()).isFalse();
  }
}
