package io.heapwarden.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * {@link QuickYaml} against SnakeYAML, composed as {@link YamlText} composes: on every config in
 * the repository (files and the docs' examples) and on thousands of variants of them (lines
 * dropped, doubled, shifted, truncated, characters replaced), either QuickYaml gives up or both
 * give the same nodes: kinds, values, quoting and start positions, which is all the schema walk
 * reads ({@link YamlNode}).
 */
class QuickYamlTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

  /** The repository's configs, by where they come from. */
  private static Map<String, String> corpus() throws IOException {
    Map<String, String> configs = new LinkedHashMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(ROOT, 6)) {
      files =
          walk.filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
              .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".md"))
              .sorted()
              .toList();
    }
    for (Path file : files) {
      String text = Files.readString(file, StandardCharsets.UTF_8);
      String name = ROOT.relativize(file).toString();
      if (name.endsWith(".yaml")) {
        configs.put(name, text);
      } else {
        Matcher block = YAML_BLOCK.matcher(text);
        for (int n = 1; block.find(); n++) {
          configs.put(name + " block " + n, block.group(1));
        }
      }
    }
    return configs;
  }

  /** SnakeYAML as YamlText calls it: no implicit types, every plain scalar a string. */
  private static @Nullable Node snakeYaml(String text) {
    LoaderOptions options = new LoaderOptions();
    Resolver untyped =
        new Resolver() {
          @Override
          protected void addImplicitResolvers() {}
        };
    return new Composer(new ParserImpl(new StreamReader(text), options), untyped, options)
        .getSingleNode();
  }

  @Test
  void theRepositorysConfigsTakeTheQuickPathAndComposeAsSnakeYamlDoes() throws IOException {
    Map<String, String> corpus = corpus();
    assertThat(corpus).hasSizeGreaterThan(10);
    List<String> slow = new ArrayList<>();
    for (Map.Entry<String, String> config : corpus.entrySet()) {
      YamlNode quick = QuickYaml.compose(config.getValue());
      if (quick == null) {
        if (!config.getValue().startsWith(" ")) {
          slow.add(config.getKey());
        }
        continue;
      }
      assertSame(config.getKey(), config.getValue(), quick, snakeYaml(config.getValue()));
    }
    // Only the docs' indented fragments (part of a list, inside a list item) are left out.
    assertThat(slow).as("whole configs read by SnakeYAML").isEmpty();
  }

  @Test
  void variantsEitherFallBackOrComposeAsSnakeYamlDoes() throws IOException {
    Random random = new Random(20261205);
    int compared = 0;
    int fellBack = 0;
    for (Map.Entry<String, String> config : corpus().entrySet()) {
      for (String variant : variants(config.getValue(), random)) {
        YamlNode quick = QuickYaml.compose(variant);
        if (quick == null) {
          fellBack++;
          continue;
        }
        Node expected;
        try {
          expected = snakeYaml(variant);
        } catch (RuntimeException refused) {
          fail("QuickYaml composed what SnakeYAML refuses (" + refused + "):\n" + variant);
          return;
        }
        assertSame(config.getKey() + " variant", variant, quick, expected);
        compared++;
      }
    }
    assertThat(compared).as("variants composed by both").isGreaterThan(1000);
    assertThat(fellBack).as("variants left to SnakeYAML").isGreaterThan(1000);
  }

  private static List<String> variants(String text, Random random) {
    List<String> lines = List.of(text.split("\n", -1));
    List<String> variants = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      variants.add(join(lines, i, null)); // dropped
      variants.add(join(lines, i, lines.get(i) + "\n" + lines.get(i))); // doubled
      variants.add(join(lines, i, " " + lines.get(i)));
      variants.add(join(lines, i, "  " + lines.get(i)));
      variants.add(join(lines, i, lines.get(i).replaceFirst("^ ", "")));
      variants.add(join(lines, i, lines.get(i) + "  # note: 'x'"));
      variants.add(join(lines, i, lines.get(i).replace(": ", ":")));
      variants.add(join(lines, i, lines.get(i).replace(": ", ": '") + "'"));
      variants.add(join(lines, i, lines.get(i).replace(": ", ": \"") + "\""));
      variants.add(join(lines, i, lines.get(i).replace("- ", "")));
      variants.add(join(lines, i, "- " + lines.get(i)));
      variants.add(join(lines, i, lines.get(i) + ":"));
    }
    String specials = "-:#'\"[]{},& *!|>?% \n";
    for (int n = 0; n < 60 && !text.isEmpty(); n++) {
      variants.add(text.substring(0, random.nextInt(text.length())));
      char[] chars = text.toCharArray();
      chars[random.nextInt(chars.length)] = specials.charAt(random.nextInt(specials.length()));
      variants.add(new String(chars));
    }
    return variants;
  }

  private static String join(List<String> lines, int at, @Nullable String replacement) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.size(); i++) {
      String line = i == at ? replacement : lines.get(i);
      if (line != null) {
        out.append(line).append(i + 1 < lines.size() ? "\n" : "");
      }
    }
    return out.toString();
  }

  private static void assertSame(
      String where, String text, YamlNode quick, @Nullable Node expected) {
    assertThat(expected).as(where).isNotNull();
    assertThat(quick).as(where + "\n---\n" + text).isEqualTo(YamlNode.of(expected));
  }
}
