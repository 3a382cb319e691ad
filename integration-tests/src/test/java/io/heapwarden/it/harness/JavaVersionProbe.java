package io.heapwarden.it.harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Asks a java executable for its feature version once. */
final class JavaVersionProbe {
  private static final Pattern VERSION = Pattern.compile("version \"(\\d+)");
  private static final Map<Path, Integer> CACHE = new ConcurrentHashMap<>();

  private JavaVersionProbe() {}

  static int featureVersion(Path java) {
    return CACHE.computeIfAbsent(java, JavaVersionProbe::probe);
  }

  private static int probe(Path java) {
    try {
      Process process =
          new ProcessBuilder(java.toString(), "-version").redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor();
      Matcher m = VERSION.matcher(output);
      if (!m.find()) {
        throw new IllegalStateException("cannot read the version of " + java + ": " + output);
      }
      return Integer.parseInt(m.group(1));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
