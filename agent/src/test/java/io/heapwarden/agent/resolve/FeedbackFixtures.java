package io.heapwarden.agent.resolve;

import io.heapwarden.agent.config.ConfigLoader;
import io.heapwarden.agent.config.ConfigRequest;
import io.heapwarden.agent.config.ConfigResult;
import io.heapwarden.agent.rules.Kinds;
import io.heapwarden.agent.rules.RuleTargets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Configs written to a file and read as the agent reads them; the fixtures' class files. */
final class FeedbackFixtures {
  static final String VETS = "io.heapwarden.agent.resolve.fixtures.Vets";
  static final String LIBRARY_CACHE = "io.heapwarden.agent.resolve.fixtures.LibraryCache";

  private FeedbackFixtures() {}

  /** The rule targets of {@code yaml}, written to {@code dir}/heapwarden.yaml. */
  static List<RuleTarget> targets(Path dir, String yaml) {
    try {
      Path file = Files.writeString(dir.resolve("heapwarden.yaml"), yaml);
      ConfigResult result =
          ConfigLoader.load(
              new ConfigRequest(Kinds.schema(), file, "heapwarden.yaml", Map.of(), List.of()));
      if (!(result instanceof ConfigResult.Valid)) {
        throw new AssertionError("invalid config: " + result);
      }
      return RuleTargets.of(((ConfigResult.Valid) result).config());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A fixture's class file, read as a resource: the class itself is never loaded. */
  static byte[] classFile(String binaryName) {
    String resource = "/" + binaryName.replace('.', '/') + ".class";
    try (InputStream in = FeedbackFixtures.class.getResourceAsStream(resource)) {
      return Objects.requireNonNull(in, resource).readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String internal(String binaryName) {
    return binaryName.replace('.', '/');
  }
}
