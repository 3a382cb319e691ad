package io.heapwarden.agent.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/** {@code jfc}: writes the agent jar's {@code heapwarden.jfc} JFR settings file to stdout. */
public final class JfcCommand {
  /** The settings file inside the agent jar. */
  public static final String RESOURCE = "/io/heapwarden/agent/report/heapwarden.jfc";

  private JfcCommand() {}

  /** Copies the settings file to {@code out}; returns the exit status. */
  public static int run(PrintStream out, PrintStream err) {
    try (InputStream in = JfcCommand.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        err.println("heapwarden jfc: " + RESOURCE + " is missing from the agent jar");
        return 1;
      }
      in.transferTo(out);
      out.flush();
      return 0;
    } catch (IOException unreadable) {
      err.println("heapwarden jfc: cannot read " + RESOURCE + ": " + unreadable.getMessage());
      return 1;
    }
  }
}
