package io.heapwarden.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.rules.Kinds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Writes configs to a temporary directory and loads them as {@code heapwarden.yaml}. */
final class ConfigFiles {
  static final String NAME = "heapwarden.yaml";

  private final Path dir;

  ConfigFiles(Path dir) {
    this.dir = dir;
  }

  Path write(String yaml) {
    return write(NAME, yaml.getBytes(StandardCharsets.UTF_8));
  }

  Path write(String name, byte[] content) {
    try {
      Path file = dir.resolve(name);
      Files.write(file, content);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ConfigRequest request(Path file) {
    return new ConfigRequest(Kinds.schema(), file, NAME, Map.of(), List.of());
  }

  ConfigResult load(String yaml) {
    return ConfigLoader.load(request(write(yaml)));
  }

  AgentConfig valid(String yaml) {
    ConfigResult result = load(yaml);
    assertThat(result)
        .as("problems: %s", result instanceof ConfigResult.Invalid ? formatted(result) : "")
        .isInstanceOf(ConfigResult.Valid.class);
    return ((ConfigResult.Valid) result).config();
  }

  List<String> problems(String yaml) {
    return problems(load(yaml));
  }

  static List<String> problems(ConfigResult result) {
    assertThat(result).isInstanceOf(ConfigResult.Invalid.class);
    return formatted(result);
  }

  private static List<String> formatted(ConfigResult result) {
    List<String> lines = new ArrayList<>();
    for (ConfigProblem problem : ((ConfigResult.Invalid) result).problems()) {
      lines.add(problem.format());
    }
    return lines;
  }

  static String yaml(String... lines) {
    return String.join("\n", lines) + "\n";
  }
}
