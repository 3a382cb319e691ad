import java.util.HashMap;
import java.util.Map;

/**
 * The race of issue 12, for measure-race.sh: a static HashMap (not thread-safe) of 1 KB values,
 * ruled with a max-entries far larger than a 96 MB heap holds, filled either as a spike (as fast
 * as it goes, from the first line of main) or as a steady ramp (about 1 MB every 2 ms, after a 1 s
 * pause); then 2 s of serving (a few puts and some garbage per ms). Knows nothing of the agent.
 *
 * <p>Arguments: spike|ramp, entries. Prints {@code start <epoch ms>} when the filling starts, then
 * {@code done: t=<ms> size=<n>} (ms from the start to the end of the filling), or, when the heap
 * runs out, {@code oom: t=<ms> size=<n>} (ms from the start to the OutOfMemoryError) and exits 3.
 */
public final class Race {
  static Map<Integer, byte[]> cache = new HashMap<>();

  private static volatile byte[] sink;

  public static void main(String[] args) throws Exception {
    boolean ramp = args[0].equals("ramp");
    int entries = Integer.parseInt(args[1]);
    if (ramp) {
      Thread.sleep(1000);
    }
    long started = System.nanoTime();
    System.out.println("start " + System.currentTimeMillis());
    int next = 0;
    try {
      while (next < entries) {
        int chunk = ramp ? 1024 : entries; // 1024 entries of 1 KB: about 1 MB
        for (int k = 0; k < chunk && next < entries; k++) {
          cache.put(next++, new byte[1024]);
        }
        if (ramp) {
          Thread.sleep(2);
        }
      }
      long filled = (System.nanoTime() - started) / 1_000_000;
      long end = System.nanoTime() + 2_000_000_000L;
      while (System.nanoTime() < end) {
        for (int k = 0; k < 50; k++) {
          cache.put(next++, new byte[1024]);
          sink = new byte[4096]; // a request's garbage
        }
        Thread.sleep(1);
      }
      System.out.println("done: t=" + filled + " size=" + cache.size() + " last=" + sink.length);
    } catch (OutOfMemoryError out) {
      long t = (System.nanoTime() - started) / 1_000_000;
      int size = cache.size();
      cache = null; // room to report
      System.out.println("oom: t=" + t + " size=" + size);
      System.exit(3);
    }
  }
}
