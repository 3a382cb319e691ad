package io.heapwarden.agent.config;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The YAML that {@link QuickYaml} leaves, composed by SnakeYAML's node API (no bean mapping, no
 * implicit type resolution) within {@link YamlLimits}; its errors become problems with their
 * position and a hint. A class of its own so that SnakeYAML's classes load only for such files.
 */
final class SnakeYamlText {
  private final LoadContext context;

  /** Whether the text was not valid YAML. */
  boolean malformed;

  SnakeYamlText(LoadContext context) {
    this.context = context;
  }

  /**
   * Composes with no implicit types: every plain scalar stays a string until the schema types it.
   */
  private static final class UntypedResolver extends Resolver {
    @Override
    protected void addImplicitResolvers() {}
  }

  /** The text's one document, or null after adding the problem that kept it from composing. */
  @Nullable YamlNode compose(String text) {
    Node root = composeNode(text);
    return root == null ? null : YamlNode.of(root);
  }

  private @Nullable Node composeNode(String text) {
    try {
      LoaderOptions options = new LoaderOptions();
      options.setNestingDepthLimit(2 * YamlLimits.MAX_NESTING); // ours are met first
      options.setMaxAliasesForCollections(2 * YamlLimits.MAX_COLLECTION_ALIASES);
      Composer composer =
          new Composer(
              new YamlLimits(new ParserImpl(new StreamReader(text), options)),
              new UntypedResolver(),
              options);
      return composer.getSingleNode();
    } catch (YamlLimits.Exceeded refused) {
      malformed = true;
      context.problems.add(
          new ConfigProblem(context.at(refused.mark), "", refused.problem, refused.hint));
    } catch (MarkedYAMLException error) {
      malformed = true;
      Mark mark = error.getProblemMark() != null ? error.getProblemMark() : error.getContextMark();
      String problem = error.getProblem() != null ? error.getProblem() : error.getContext();
      if (problem != null && problem.startsWith("but ") && error.getContext() != null) {
        problem = error.getContext() + " " + problem;
      }
      context.problems.add(
          new ConfigProblem(
              mark == null ? SourcePosition.of(context.source) : context.at(mark),
              "",
              "malformed YAML: " + oneLine(problem),
              yamlHint(problem)));
    } catch (ReaderException special) {
      malformed = true;
      context.problems.add(
          new ConfigProblem(
              context.positionOfIndex(text, special.getPosition()),
              "",
              "malformed YAML: character U+"
                  + String.format("%04X", special.getCodePoint())
                  + " is not allowed",
              "remove it; YAML files hold printable text only"));
    } catch (IllegalArgumentException badTag) {
      // SnakeYAML's Tag refuses some tags the scanner lets through (a %20 escape at an end),
      // without a mark (found by ConfigLoaderFuzzTest)
      malformed = true;
      context.problems.add(
          new ConfigProblem(
              SourcePosition.of(context.source),
              "",
              "malformed YAML: " + oneLine(String.valueOf(badTag.getMessage())),
              "check the tags ('!...') in the file; a Heapwarden config needs none"));
    } catch (YAMLException other) {
      malformed = true;
      context.problems.add(
          new ConfigProblem(
              SourcePosition.of(context.source),
              "",
              "malformed YAML: " + oneLine(ConfigFile.describe(other)),
              null));
    }
    return null;
  }

  private static String oneLine(String text) {
    return text == null ? "" : text.replace('\n', ' ').trim();
  }

  private static String yamlHint(String problem) {
    if (problem == null) {
      return "check the indentation and quoting around this position";
    }
    if (problem.contains("(TAB)")) {
      return "indent with spaces; YAML does not allow tabs";
    }
    if (problem.contains("mapping values are not allowed")) {
      return "quote a value that contains ': ', or check the indentation";
    }
    if (problem.contains("expected a single document")) {
      return "the file holds one document; remove the '---' separators";
    }
    if (problem.contains("expected <block end>")) {
      return "check the indentation: the keys of one mapping must line up";
    }
    if (problem.contains("could not find expected ':'")) {
      return "write each setting as 'key: value'";
    }
    return "check the indentation and quoting around this position";
  }
}
