package io.heapwarden.agent.instrument;

import java.io.IOException;
import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/** Reads a class's class file as its loader sees it, without loading the class. */
public final class ClassFiles {
  private ClassFiles() {}

  /**
   * The bytes of {@code internalName}'s class file from {@code loader} (the platform loader for
   * null, the boot loader's classes included), or null when it has none or it cannot be read.
   */
  public static byte @Nullable [] read(@Nullable ClassLoader loader, String internalName) {
    String resource = internalName + ".class";
    try (InputStream in =
        loader != null
            ? loader.getResourceAsStream(resource)
            : ClassLoader.getPlatformClassLoader().getResourceAsStream(resource)) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException | RuntimeException unreadable) {
      return null;
    }
  }
}
