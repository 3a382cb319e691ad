import io.heapwarden.agent.config.ConfigRequest;
import io.heapwarden.agent.config.ConfigWatcher;
import io.heapwarden.agent.rules.Kinds;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The CPU the config watcher's thread uses while the file does not change, per reload.interval:
 * thread CPU time over wall time, as a share of one core. Run by measure-reload.sh.
 */
public class ReloadPollCost {
  public static void main(String[] args) throws Exception {
    Path config = Path.of(args[0]);
    long seconds = Long.parseLong(args[1]);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int i = 2; i < args.length; i++) {
      Duration interval = Duration.ofMillis(Long.parseLong(args[i]));
      ConfigRequest request = ConfigRequest.ofFile(Kinds.schema(), config);
      try (ConfigWatcher watcher = ConfigWatcher.watch(request, interval, c -> {}, p -> {})) {
        Thread.sleep(1000); // past the first polls
        long id = watcherThreadId();
        long cpu0 = threads.getThreadCpuTime(id);
        long wall0 = System.nanoTime();
        Thread.sleep(seconds * 1000);
        long cpu = threads.getThreadCpuTime(id) - cpu0;
        long wall = System.nanoTime() - wall0;
        System.out.printf(
            "reload.interval %6sms: the watcher thread: %.3f%% of a core (%d ms CPU in %d s)%n",
            args[i], 100.0 * cpu / wall, cpu / 1_000_000, wall / 1_000_000_000);
      }
    }
  }

  private static long watcherThreadId() {
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (thread.getName().equals(ConfigWatcher.THREAD_NAME)) {
        return thread.getId();
      }
    }
    throw new IllegalStateException("no watcher thread");
  }
}
