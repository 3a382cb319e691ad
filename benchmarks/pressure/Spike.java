import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A service with a steady cache (the live set) that goes through a transient spike: a batch holds
 * a few hundred MB for a moment, then lets go. It then serves lightly for the observed seconds and
 * prints heap and RSS every 500 ms, timed from the end of the spike.
 *
 * <p>Arguments: observed seconds (30), spike MB (350), cache entries of 100 KB (500).
 */
public class Spike {
  static Map<Integer, byte[]> cache = new ConcurrentHashMap<>();
  static volatile byte[] sink;

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int spikeMb = args.length > 1 ? Integer.parseInt(args[1]) : 350;
    int entries = args.length > 2 ? Integer.parseInt(args[2]) : 500;
    for (int i = 0; i < entries; i++) {
      cache.put(i, new byte[100_000]);
    }
    System.gc(); // settle the steady state (a no-op under DisableExplicitGC; not used here)
    Thread.sleep(1000);
    sample("before", 0);

    long spikeStart = System.nanoTime();
    List<byte[]> batch = new ArrayList<>();
    for (int i = 0; i < spikeMb * 10; i++) {
      batch.add(new byte[100_000]);
      if (i % 100 == 0) {
        Thread.sleep(10);
      }
    }
    Thread.sleep(1500); // the batch is live for a moment
    batch = null;
    long spikeEnd = System.nanoTime();
    System.out.println("spike: " + (spikeEnd - spikeStart) / 1_000_000 + " ms");

    long next = spikeEnd;
    for (int n = 0; n <= seconds * 2; n++) {
      while (System.nanoTime() < next) {
        sink = new byte[16 * 1024]; // light traffic: ~1 MB/s of garbage
        Thread.sleep(15);
      }
      sample("t", (System.nanoTime() - spikeEnd) / 1_000_000);
      next += 500_000_000L;
    }
  }

  static void sample(String label, long millis) throws Exception {
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    long rssKb = -1;
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmRSS:")) {
        rssKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    System.out.printf(
        "%s %d used=%d committed=%d rss=%d%n",
        label, millis, heap.getUsed() >> 20, heap.getCommitted() >> 20, rssKb >> 10);
  }
}
