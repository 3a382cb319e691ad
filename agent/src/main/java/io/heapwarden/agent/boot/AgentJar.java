package io.heapwarden.agent.boot;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.jar.JarFile;

/** The jar this agent was loaded from. */
public final class AgentJar {
  private AgentJar() {}

  public static Path path() throws IOException {
    CodeSource source = AgentJar.class.getProtectionDomain().getCodeSource();
    if (source == null || source.getLocation() == null) {
      throw new IOException("cannot tell which jar the agent was loaded from");
    }
    try {
      return Path.of(source.getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IOException("unusable agent location " + source.getLocation(), e);
    }
  }

  public static JarFile open() throws IOException {
    return new JarFile(path().toFile());
  }
}
