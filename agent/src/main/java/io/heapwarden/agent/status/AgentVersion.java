package io.heapwarden.agent.status;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The agent jar's version, from the {@code version.properties} the build writes into it. */
public final class AgentVersion {
  public static final String RESOURCE = "/io/heapwarden/agent/version.properties";

  private AgentVersion() {}

  /** The version, or {@code unknown}. */
  public static String read() {
    try (InputStream in = AgentVersion.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return "unknown";
      }
      Properties properties = new Properties();
      properties.load(in);
      return properties.getProperty("version", "unknown").trim();
    } catch (IOException unreadable) {
      return "unknown";
    }
  }
}
