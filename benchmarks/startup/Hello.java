import java.nio.file.Files;
import java.nio.file.Path;

/** The measured service: prints hello and its own peak RSS (the kernel's VmHWM) on the way out. */
public class Hello {
  public static void main(String[] args) throws Exception {
    System.out.println("hello");
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        System.out.println("peak-rss-kb " + line.substring(6).trim().split("\\s+")[0]);
      }
    }
  }
}
