package io.heapwarden.agent.config;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads, parses and validates a config. Never throws for bad input and never logs: every problem
 * becomes a {@link ConfigProblem}, all of them collected in one pass where the YAML parses at all.
 *
 * <p>Lean on purpose, since it runs on the premain thread before the service's main. The jobs are
 * split: {@link ConfigFile} reads the bytes, {@link YamlText} decodes and composes them to nodes,
 * {@link SchemaWalk} checks and parses every key against the request's {@link ConfigSchema} (with
 * {@link ConfigHints} for the hints), and {@link ModelBuilder} builds the model.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /** Loads the request's file (or the defaults when it names none) and applies its overrides. */
  public static ConfigResult load(ConfigRequest request) {
    try {
      if (request.file() == null) {
        return load(request, null);
      }
      List<ConfigProblem> readProblems = new ArrayList<>();
      byte[] content = ConfigFile.read(request, readProblems);
      if (content == null) {
        LoadContext context = new LoadContext(request);
        context.problems.addAll(readProblems);
        return finish(context, null, ConfigFile.head(request.file()));
      }
      ConfigFile.loaded(request.file(), content);
      return load(request, content);
    } catch (RuntimeException bug) {
      return internalError(request, bug);
    }
  }

  /** Validates {@code content} as the request's file (null content: no file, the defaults). */
  static ConfigResult load(ConfigRequest request, byte @Nullable [] content) {
    try {
      LoadContext context = new LoadContext(request);
      if (content == null) {
        return finish(context, null, null);
      }
      YamlText yaml = new YamlText(context);
      String text = yaml.decode(content);
      if (text == null) {
        return finish(context, null, content);
      }
      YamlNode root = yaml.compose(text);
      return finish(context, root, yaml.malformed ? content : null);
    } catch (RuntimeException bug) {
      return internalError(request, bug);
    }
  }

  /** A safety net: a bug in the loader must not escape into the premain thread as an exception. */
  private static ConfigResult internalError(ConfigRequest request, RuntimeException bug) {
    return new ConfigResult.Invalid(
        List.of(
            new ConfigProblem(
                SourcePosition.of(request.source()),
                "",
                "the configuration could not be validated: " + bug,
                "this is a bug in Heapwarden; please report it with the file")),
        false);
  }

  /**
   * Walks the composed file (null: none, or it did not parse), applies the overrides and builds the
   * result; {@code unparsed} is as much of the file's bytes as could be read when they are not
   * valid UTF-8 or YAML, or too many.
   */
  private static ConfigResult finish(
      LoadContext context, @Nullable YamlNode root, byte @Nullable [] unparsed) {
    SchemaWalk walk = new SchemaWalk(context);
    ConfigSection top = walk.walk(root);
    walk.applyOverrides(top);
    boolean strict = strict(top, unparsed);
    AgentConfig config = new ModelBuilder(context).build(top);
    if (!context.problems.isEmpty()) {
      return new ConfigResult.Invalid(inFileOrder(context.problems), strict);
    }
    return new ConfigResult.Valid(config);
  }

  /**
   * Whether the input said {@code strict: true}: by override, else in the file. When the file could
   * not be parsed, a line {@code strict: true} in what could be read still counts ({@link
   * StrictLine}).
   */
  private static boolean strict(ConfigSection top, byte @Nullable [] unparsed) {
    Object strict = top.get("strict");
    if (strict != null) {
      return (Boolean) strict;
    }
    return unparsed != null && StrictLine.in(unparsed, unparsed.length);
  }

  /** The file's problems by line and column, then the others (overrides) as they came. */
  private static List<ConfigProblem> inFileOrder(List<ConfigProblem> problems) {
    List<ConfigProblem> ordered = new ArrayList<>(problems);
    ordered.sort(
        (a, b) -> {
          boolean aInFile = a.position().line() > 0;
          boolean bInFile = b.position().line() > 0;
          if (aInFile != bInFile) {
            return aInFile ? -1 : 1;
          }
          if (!aInFile) {
            return 0;
          }
          int byLine = Integer.compare(a.position().line(), b.position().line());
          return byLine != 0
              ? byLine
              : Integer.compare(a.position().column(), b.position().column());
        });
    return ordered;
  }
}
