import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The measured service: prints hello, then its own peak RSS (the kernel's VmHWM) and the CPU time
 * its threads used so far (utime + stime of /proc/self/stat, in clock ticks) on the way out.
 */
public class Hello {
  public static void main(String[] args) throws Exception {
    System.out.println("hello");
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        System.out.println("peak-rss-kb " + line.substring(6).trim().split("\\s+")[0]);
      }
    }
    String stat = Files.readString(Path.of("/proc/self/stat"));
    // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    System.out.println("cpu-ticks " + (Long.parseLong(fields[11]) + Long.parseLong(fields[12])));
  }
}
