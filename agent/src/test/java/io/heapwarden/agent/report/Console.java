package io.heapwarden.agent.report;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Standard output and error for a command run in this JVM, captured as text. */
final class Console {
  private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
  private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
  final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
  final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

  String stdout() {
    return outBytes.toString(StandardCharsets.UTF_8);
  }

  String stderr() {
    return errBytes.toString(StandardCharsets.UTF_8);
  }
}
