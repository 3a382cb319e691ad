package io.heapwarden.agent.config;

import io.heapwarden.agent.sessions.SessionPreset;
import io.heapwarden.agent.sessions.SessionPresets;
import io.heapwarden.bootstrap.Limit;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32C;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads, parses and validates a config. Never throws for bad input and never logs: every problem
 * becomes a {@link ConfigProblem}, all of them collected in one pass where the YAML parses at all.
 *
 * <p>Lean on purpose, since it runs on the premain thread before the service's main: SnakeYAML
 * composes the file to nodes (no bean mapping, no implicit type resolution) and the {@link
 * ConfigSchema} table drives a single walk over them.
 */
public final class ConfigLoader {
  /** Larger files are refused: a config is a few KB; this guards against naming the wrong file. */
  static final int MAX_FILE_BYTES = 1 << 20;

  /** The content each file had when it was last loaded, so the watcher starts from there. */
  private static final Map<Path, Long> LOADED_CONTENT = new ConcurrentHashMap<>();

  private ConfigLoader() {}

  /** Loads the request's file (or the defaults when it names none) and applies its overrides. */
  public static ConfigResult load(ConfigRequest request) {
    try {
      if (request.file() == null) {
        return load(request, null);
      }
      List<ConfigProblem> readProblems = new ArrayList<>();
      byte[] content = read(request, readProblems);
      if (content == null) {
        Run run = new Run(request);
        run.problems.addAll(readProblems);
        return run.finish(null, null);
      }
      LOADED_CONTENT.put(key(request.file()), contentHash(content));
      return load(request, content);
    } catch (RuntimeException bug) {
      return internalError(request, bug);
    }
  }

  /** Validates {@code content} as the request's file (null content: no file, the defaults). */
  static ConfigResult load(ConfigRequest request, byte[] content) {
    try {
      Run run = new Run(request);
      if (content == null) {
        return run.finish(null, null);
      }
      String text = run.decode(content);
      if (text == null) {
        return run.finish(null, null);
      }
      Node root = run.compose(text);
      return run.finish(root, run.malformed ? text : null);
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

  /** The file's bytes, or null after adding the problem that kept it from being read. */
  static byte[] read(ConfigRequest request, List<ConfigProblem> problems) {
    Path file = request.file();
    SourcePosition where = SourcePosition.of(request.source());
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      if (attributes.isDirectory()) {
        problems.add(
            new ConfigProblem(
                where,
                "",
                "cannot read the config file: it is a directory",
                "name the YAML file itself, e.g. " + file.resolve("heapwarden.yaml")));
        return null;
      }
      if (!attributes.isRegularFile()) {
        problems.add(
            new ConfigProblem(
                where,
                "",
                "cannot read the config file: it is not a regular file",
                resolvesTo(file)));
        return null;
      }
      if (attributes.size() > MAX_FILE_BYTES) {
        problems.add(tooLarge(where, attributes.size(), file));
        return null;
      }
      byte[] content = Files.readAllBytes(file);
      if (content.length > MAX_FILE_BYTES) {
        problems.add(tooLarge(where, content.length, file)); // it grew since the look
        return null;
      }
      return content;
    } catch (NoSuchFileException missing) {
      problems.add(
          new ConfigProblem(
              where, "", "cannot read the config file: no such file", resolvesTo(file)));
    } catch (AccessDeniedException denied) {
      problems.add(
          new ConfigProblem(
              where,
              "",
              "cannot read the config file: permission denied",
              "make it readable to the user the service runs as"));
    } catch (IOException | RuntimeException failure) {
      problems.add(
          new ConfigProblem(
              where, "", "cannot read the config file: " + describe(failure), resolvesTo(file)));
    }
    return null;
  }

  private static ConfigProblem tooLarge(SourcePosition where, long size, Path file) {
    return new ConfigProblem(
        where,
        "",
        "the config file is too large: " + size + " bytes",
        "a config is a few KB; is this the right file? " + resolvesTo(file));
  }

  private static String resolvesTo(Path file) {
    return "the path resolves to " + file.toAbsolutePath();
  }

  /** A hash of the content as last loaded from {@code file}, or null if it never was. */
  static Long loadedContent(Path file) {
    return LOADED_CONTENT.get(key(file));
  }

  static long contentHash(byte[] content) {
    CRC32C crc = new CRC32C();
    crc.update(content, 0, content.length);
    return ((long) content.length << 32) ^ crc.getValue();
  }

  private static Path key(Path file) {
    return file.toAbsolutePath().normalize();
  }

  private static String describe(Throwable failure) {
    String message = failure.getMessage();
    return message == null ? failure.getClass().getSimpleName() : message;
  }

  /**
   * Composes with no implicit types: every plain scalar stays a string until the schema types it.
   */
  private static final class UntypedResolver extends Resolver {
    @Override
    protected void addImplicitResolvers() {}
  }

  /** A value that parsed, and where it came from. */
  private record Value(Object value, SourcePosition position) {}

  /** What one mapping of the file held. Keys are relative to the mapping (values.max-entries). */
  private static final class Section {
    final Node node;
    final String display;
    final Map<String, Value> values = new HashMap<>();
    final Map<String, Node> present = new HashMap<>();
    final Map<String, List<Section>> lists = new HashMap<>();

    Section(Node node, String display) {
      this.node = node;
      this.display = display;
    }

    Object get(String key) {
      Value value = values.get(key);
      return value == null ? null : value.value();
    }

    <T> T get(String key, Class<T> type, T fallback) {
      Object value = get(key);
      return value == null ? fallback : type.cast(value);
    }

    long limit(String key) {
      Object value = get(key);
      return value == null ? Limit.UNSET : (Long) value;
    }

    List<Section> list(String key) {
      List<Section> items = lists.get(key);
      return items == null ? List.of() : items;
    }
  }

  /** One load: the request, what the walk found, and every problem. */
  private static final class Run {
    final ConfigRequest request;
    final String source;
    final List<ConfigProblem> problems = new ArrayList<>();
    boolean malformed;

    Run(ConfigRequest request) {
      this.request = request;
      this.source = request.source();
    }

    String decode(byte[] content) {
      CharsetDecoder decoder =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT);
      ByteBuffer in = ByteBuffer.wrap(content);
      CharBuffer out = CharBuffer.allocate(content.length);
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        int offset = in.position();
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset; i++) {
          if (content[i] == '\n') {
            line++;
            lineStart = i + 1;
          }
        }
        problems.add(
            new ConfigProblem(
                new SourcePosition(source, line, offset - lineStart + 1),
                "",
                "the config file is not valid UTF-8",
                "save it as UTF-8"));
        return null;
      }
      decoder.flush(out);
      out.flip();
      String text = out.toString();
      return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    Node compose(String text) {
      try {
        LoaderOptions options = new LoaderOptions();
        Composer composer =
            new Composer(
                new ParserImpl(new StreamReader(text), options), new UntypedResolver(), options);
        return composer.getSingleNode();
      } catch (MarkedYAMLException error) {
        malformed = true;
        Mark mark =
            error.getProblemMark() != null ? error.getProblemMark() : error.getContextMark();
        String problem = error.getProblem() != null ? error.getProblem() : error.getContext();
        if (problem != null && problem.startsWith("but ") && error.getContext() != null) {
          problem = error.getContext() + " " + problem;
        }
        problems.add(
            new ConfigProblem(
                mark == null ? SourcePosition.of(source) : at(mark),
                "",
                "malformed YAML: " + oneLine(problem),
                yamlHint(problem)));
      } catch (ReaderException special) {
        malformed = true;
        problems.add(
            new ConfigProblem(
                positionOfIndex(text, special.getPosition()),
                "",
                "malformed YAML: character U+"
                    + String.format("%04X", special.getCodePoint())
                    + " is not allowed",
                "remove it; YAML files hold printable text only"));
      } catch (YAMLException other) {
        malformed = true;
        problems.add(
            new ConfigProblem(
                SourcePosition.of(source),
                "",
                "malformed YAML: " + oneLine(describe(other)),
                null));
      }
      return null;
    }

    /**
     * Walks the composed file (null: none, or it did not parse), applies the overrides and builds
     * the result; {@code unparsedText} is the file's text when it is not valid YAML.
     */
    ConfigResult finish(Node root, String unparsedText) {
      Section top = new Section(root, "");
      if (root instanceof MappingNode) {
        readMapping(((MappingNode) root).getValue(), root, "", "", "", top);
      } else if (root != null && !isNull(root)) {
        problems.add(
            new ConfigProblem(
                at(root),
                "",
                "the config must be a mapping of keys, got " + describe(root),
                "start with top-level keys such as strict:, logging: or collections:"));
      }
      applyOverrides(top);
      boolean strict = strict(top, unparsedText);
      AgentConfig config = build(top);
      if (!problems.isEmpty()) {
        return new ConfigResult.Invalid(inFileOrder(), strict);
      }
      return new ConfigResult.Valid(config);
    }

    /**
     * Whether the input said {@code strict: true}: by override, else in the file. When the file is
     * not valid YAML, a top-level line {@code strict: true} still counts.
     */
    private boolean strict(Section top, String unparsedText) {
      Object strict = top.get("strict");
      if (strict != null) {
        return (Boolean) strict;
      }
      if (unparsedText != null) {
        for (String line : unparsedText.split("\n", -1)) {
          String content = line;
          int comment = content.indexOf(" #");
          if (comment >= 0) {
            content = content.substring(0, comment);
          }
          if (content.strip().equals("strict: true") && content.startsWith("strict")) {
            return true;
          }
        }
      }
      return false;
    }

    /** The file's problems by line and column, then the others (overrides) as they came. */
    private List<ConfigProblem> inFileOrder() {
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

    // ---- the walk --------------------------------------------------------------------------

    /**
     * Reads the tuples of the mapping at schema path {@code schemaPath} into {@code out} (keys
     * prefixed by {@code relPrefix}), then checks that its required keys are there; {@code where}
     * is the node that missing-key problems point at.
     */
    private void readMapping(
        List<NodeTuple> tuples,
        Node where,
        String schemaPath,
        String display,
        String relPrefix,
        Section out) {
      Map<String, Node> seen = new HashMap<>();
      for (NodeTuple tuple : tuples) {
        Node keyNode = tuple.getKeyNode();
        if (!(keyNode instanceof ScalarNode) || isNull(keyNode)) {
          problems.add(
              new ConfigProblem(
                  at(keyNode),
                  display,
                  "keys must be plain names, got " + describe(keyNode),
                  null));
          continue;
        }
        String name = ((ScalarNode) keyNode).getValue();
        String keyDisplay = join(display, name);
        Node first = seen.putIfAbsent(name, keyNode);
        if (first != null) {
          problems.add(
              new ConfigProblem(
                  at(keyNode),
                  keyDisplay,
                  "duplicate key, first set on line " + (first.getStartMark().getLine() + 1),
                  "keep only one of them"));
          continue;
        }
        ConfigSchema.Key key = ConfigSchema.child(schemaPath, name);
        if (key == null) {
          problems.add(
              new ConfigProblem(
                  at(keyNode), keyDisplay, "unknown key", unknownKeyHint(schemaPath, name)));
          continue;
        }
        out.present.put(relPrefix + name, keyNode);
        readValue(key, tuple.getValueNode(), keyNode, keyDisplay, relPrefix + name, out);
      }
      for (ConfigSchema.Key key : ConfigSchema.children(schemaPath)) {
        if (key.required() && !seen.containsKey(key.name())) {
          problems.add(
              new ConfigProblem(
                  at(where),
                  display,
                  "missing required key '" + key.name() + "'",
                  "e.g. " + key.name() + ": " + key.example()));
        }
      }
    }

    private void readValue(
        ConfigSchema.Key key, Node value, Node keyNode, String display, String rel, Section out) {
      switch (key.type()) {
        case SECTION:
          if (value instanceof MappingNode) {
            readMapping(
                ((MappingNode) value).getValue(),
                keyNode,
                key.path(),
                display,
                rel.concat("."),
                out);
          } else if (isNull(value)) {
            readMapping(List.of(), keyNode, key.path(), display, rel.concat("."), out);
          } else {
            problems.add(
                new ConfigProblem(
                    at(value),
                    display,
                    "must be a mapping of keys, got " + describe(value),
                    "put its keys on indented lines below it: " + childNames(key.path())));
          }
          return;
        case LIST:
          List<Section> items = new ArrayList<>();
          out.lists.put(rel, items);
          if (isNull(value)) {
            return;
          }
          String itemPath = key.path().concat("[]");
          if (!(value instanceof SequenceNode)) {
            problems.add(
                new ConfigProblem(
                    at(value),
                    display,
                    "must be a list of rules, got " + describe(value),
                    ruleHint(itemPath)));
            return;
          }
          List<Node> nodes = ((SequenceNode) value).getValue();
          for (int i = 0; i < nodes.size(); i++) {
            Node item = nodes.get(i);
            String itemDisplay =
                new StringBuilder(display).append('[').append(i).append(']').toString();
            if (item instanceof MappingNode) {
              Section section = new Section(item, itemDisplay);
              readMapping(
                  ((MappingNode) item).getValue(), item, itemPath, itemDisplay, "", section);
              items.add(section);
            } else {
              problems.add(
                  new ConfigProblem(
                      at(item),
                      itemDisplay,
                      "must be a mapping of keys, got " + describe(item),
                      ruleHint(itemPath)));
            }
          }
          return;
        default:
          if (!(value instanceof ScalarNode)) {
            problems.add(
                new ConfigProblem(
                    at(value),
                    display,
                    "must be a single value, got " + describe(value),
                    example(key)));
            return;
          }
          if (isNull(value)) {
            problems.add(
                new ConfigProblem(
                    at(keyNode),
                    display,
                    "has no value",
                    key.required() ? example(key) : example(key) + ", or remove the key"));
            return;
          }
          try {
            out.values.put(rel, new Value(key.parse(((ScalarNode) value).getValue()), at(value)));
          } catch (ConfigValueException invalid) {
            problems.add(
                new ConfigProblem(at(value), display, invalid.getMessage(), invalid.hint()));
          }
      }
    }

    private void applyOverrides(Section top) {
      problems.addAll(request.problems());
      Map<String, ConfigRequest.Override> remaining = new TreeMap<>(request.overrides());
      for (ConfigSchema.Key key : ConfigSchema.keys()) {
        ConfigRequest.Override override = remaining.remove(key.path());
        if (override == null) {
          continue;
        }
        if (!key.overridable()) {
          problems.add(
              new ConfigProblem(override.origin(), key.path(), "cannot be overridden", null));
          continue;
        }
        try {
          top.values.put(key.path(), new Value(key.parse(override.value()), override.origin()));
        } catch (ConfigValueException invalid) {
          problems.add(
              new ConfigProblem(
                  override.origin(), key.path(), invalid.getMessage(), invalid.hint()));
        }
      }
      for (Map.Entry<String, ConfigRequest.Override> unknown : remaining.entrySet()) {
        problems.add(
            new ConfigProblem(
                unknown.getValue().origin(), unknown.getKey(), "unknown setting", null));
      }
    }

    // ---- building the model ----------------------------------------------------------------

    private AgentConfig build(Section top) {
      LoggingSettings logging =
          new LoggingSettings(
              top.get("logging.level", LogLevel.class, LoggingSettings.DEFAULTS.level()),
              top.get(
                      "logging.lines-per-minute",
                      Long.class,
                      (long) LoggingSettings.DEFAULTS.linesPerMinute())
                  .intValue());
      TelemetrySettings telemetry =
          new TelemetrySettings(
              top.get("telemetry.interval", Duration.class, TelemetrySettings.DEFAULTS.interval()),
              top.get("telemetry.jfr", Boolean.class, TelemetrySettings.DEFAULTS.jfr()),
              top.get(
                  "telemetry.micrometer", Boolean.class, TelemetrySettings.DEFAULTS.micrometer()));
      ReloadSettings reload =
          new ReloadSettings(
              top.get("reload.watch", Boolean.class, ReloadSettings.DEFAULTS.watch()),
              top.get("reload.interval", Duration.class, ReloadSettings.DEFAULTS.interval()));

      List<CollectionRule> collections = new ArrayList<>();
      for (Section rule : top.list("collections")) {
        if (!rule.present.containsKey("max-entries") && !rule.present.containsKey("max-bytes")) {
          problems.add(
              new ConfigProblem(
                  at(rule.node),
                  rule.display,
                  "sets no limit",
                  "add max-entries, max-bytes or both"));
        }
        FieldRef field = rule.get("field", FieldRef.class, null);
        if (field != null) {
          collections.add(
              new CollectionRule(
                  field,
                  rule.limit("max-entries"),
                  rule.limit("max-bytes"),
                  rule.get("eviction", Eviction.class, Eviction.LRU),
                  rule.limit("values.max-entries"),
                  at(rule.node)));
        }
      }

      List<SingletonRule> singletons = new ArrayList<>();
      for (Section rule : top.list("singletons")) {
        boolean hasClass = rule.present.containsKey("class");
        boolean hasMethod = rule.present.containsKey("method");
        if (hasClass && hasMethod) {
          problems.add(
              new ConfigProblem(
                  at(rule.present.get("method")),
                  rule.display,
                  "has both 'class' and 'method'; set exactly one",
                  "class: shares what constructors create, method: what a factory method returns"));
        } else if (!hasClass && !hasMethod) {
          ConfigSchema.Key classKey = ConfigSchema.key("singletons[].class");
          problems.add(
              new ConfigProblem(
                  at(rule.node),
                  rule.display,
                  "needs 'class' or 'method'",
                  "e.g. class: " + classKey.example()));
        }
        String className = rule.get("class", String.class, null);
        MethodRef method = rule.get("method", MethodRef.class, null);
        if ((className == null) != (method == null)) {
          singletons.add(
              new SingletonRule(
                  className,
                  method,
                  rule.get("key", SingletonKey.class, SingletonKey.ARGUMENTS),
                  rule.get("scope", SingletonScope.class, SingletonScope.GLOBAL),
                  rule.get("on-close", OnClose.class, OnClose.IGNORE),
                  at(rule.node)));
        }
      }

      List<InstanceRule> instances = new ArrayList<>();
      for (Section rule : top.list("instances")) {
        String className = rule.get("class", String.class, null);
        if (className != null && rule.get("max-live") != null) {
          instances.add(new InstanceRule(className, rule.limit("max-live"), at(rule.node)));
        }
      }

      return new AgentConfig(
          source,
          top.get("strict", Boolean.class, false),
          logging,
          telemetry,
          reload,
          collections,
          singletons,
          instances,
          sessions(top),
          pressure(top));
    }

    /** {@code pressure:}, with warn below critical; the guard is on when the file has it. */
    private PressureSettings pressure(Section top) {
      PressureSettings d = PressureSettings.OFF;
      boolean enabled = top.present.containsKey("pressure");
      for (String key : top.values.keySet()) {
        enabled |= key.startsWith("pressure."); // an override alone turns it on too
      }
      double heapWarn = top.get("pressure.heap.warn", Double.class, d.heapWarn());
      double heapCritical = top.get("pressure.heap.critical", Double.class, d.heapCritical());
      double containerWarn = top.get("pressure.container.warn", Double.class, d.containerWarn());
      double containerCritical =
          top.get("pressure.container.critical", Double.class, d.containerCritical());
      checkBelow(top, "pressure.heap", heapWarn, heapCritical);
      checkBelow(top, "pressure.container", containerWarn, containerCritical);
      return new PressureSettings(
          enabled,
          heapWarn,
          heapCritical,
          containerWarn,
          containerCritical,
          top.limit("pressure.container.limit"),
          top.get("pressure.on-critical.trim-to", Double.class, d.trimTo()),
          top.get("pressure.on-critical.idle-timeout", Duration.class, d.idleTimeout()),
          top.get("pressure.on-critical.gc", Boolean.class, d.gc()),
          top.get("pressure.on-critical.trim-native", Boolean.class, d.trimNative()),
          top.get("pressure.on-critical.min-interval", Duration.class, d.minInterval()),
          top.get("pressure.heap-dump.path", String.class, null),
          top.get("pressure.heap-dump.on", PressureSettings.HeapDumpOn.class, d.heapDumpOn()),
          top.get("pressure.on-critical.trim-floor", Double.class, d.trimFloor()),
          top.get("pressure.on-critical.exit-after", Duration.class, d.exitAfter()));
    }

    /** A warn threshold at or above its critical one would skip warn; said at the warn key. */
    private void checkBelow(Section top, String section, double warn, double critical) {
      if (warn < critical) {
        return;
      }
      Value where = top.values.get(section + ".warn");
      if (where == null) {
        where = top.values.get(section + ".critical");
      }
      problems.add(
          new ConfigProblem(
              where == null ? SourcePosition.of(source) : where.position(),
              section + ".warn",
              "must be below critical ("
                  + Units.formatRatio(critical)
                  + "), got "
                  + Units.formatRatio(warn),
              "e.g. warn: "
                  + Units.formatRatio(Math.max(0, critical - 0.15))
                  + ", critical: "
                  + Units.formatRatio(critical)));
    }

    // ---- sessions (issue 5) ----------------------------------------------------------------

    /** The {@code sessions:} entries as written, presets' defaults filled in. */
    private List<SessionRule> sessions(Section top) {
      List<SessionRule> sessions = new ArrayList<>();
      for (Section rule : top.list("sessions")) {
        boolean hasField = rule.present.containsKey("field");
        boolean hasPreset = rule.present.containsKey("preset");
        if (hasField && hasPreset) {
          problems.add(
              new ConfigProblem(
                  at(rule.present.get("preset")),
                  rule.display,
                  "has both 'field' and 'preset'; set exactly one",
                  "field: bounds one map of yours, preset: the maps of a library"));
          continue;
        }
        if (!hasField && !hasPreset) {
          problems.add(
              new ConfigProblem(
                  at(rule.node),
                  rule.display,
                  "needs 'field' or 'preset'",
                  "e.g. field: "
                      + ConfigSchema.key("sessions[].field").example()
                      + ", or preset: "
                      + String.join(" | ", SessionPresets.names())));
          continue;
        }
        SessionPreset.Defaults defaults = null;
        if (hasPreset) {
          String name = rule.get("preset", String.class, null);
          SessionPreset preset = name == null ? null : SessionPresets.find(name);
          if (preset == null) {
            if (name != null) {
              problems.add(unknownPreset(rule, name));
            }
            continue;
          }
          defaults = preset.defaults();
        } else if (!rule.present.containsKey("max-sessions")
            && !rule.present.containsKey("idle-timeout")
            && !rule.present.containsKey("window")
            && !rule.present.containsKey("max-bytes-per-session")) {
          problems.add(
              new ConfigProblem(
                  at(rule.node),
                  rule.display,
                  "sets no limit",
                  "add max-sessions, idle-timeout, window or max-bytes-per-session"));
        }
        FieldRef field = rule.get("field", FieldRef.class, null);
        if (hasField && field == null) {
          continue; // its value was invalid, and reported
        }
        sessions.add(
            new SessionRule(
                field,
                hasPreset ? rule.get("preset", String.class, null) : null,
                hasPreset ? null : SessionRule.DEFAULT_ADAPTER,
                limitOr(
                    rule, "max-sessions", defaults == null ? Limit.UNSET : defaults.maxSessions()),
                rule.get(
                    "idle-timeout",
                    Duration.class,
                    defaults == null ? null : defaults.idleTimeout()),
                limitOr(rule, "window", defaults == null ? Limit.UNSET : defaults.window()),
                rule.limit("max-bytes-per-session"),
                rule.get(
                    "on-evict",
                    OnEvict.class,
                    defaults == null ? OnEvict.NONE : defaults.onEvict()),
                at(rule.node)));
      }
      return sessions;
    }

    private static long limitOr(Section rule, String key, long fallback) {
      Object value = rule.get(key);
      return value == null ? fallback : (Long) value;
    }

    private ConfigProblem unknownPreset(Section rule, String name) {
      List<String> names = SessionPresets.names();
      String suggestion = Suggestions.closest(name, names);
      return new ConfigProblem(
          rule.values.get("preset").position(),
          join(rule.display, "preset"),
          "unknown preset '" + name + "'",
          suggestion != null
              ? "did you mean '" + suggestion + "'?"
              : "the presets are " + String.join(", ", names));
    }

    // ---- helpers ---------------------------------------------------------------------------

    private SourcePosition at(Node node) {
      return at(node.getStartMark());
    }

    private SourcePosition at(Mark mark) {
      return new SourcePosition(source, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private SourcePosition positionOfIndex(String text, int index) {
      int line = 1;
      int lineStart = 0;
      int offset = Math.min(Math.max(index, 0), text.length());
      for (int i = 0; i < offset; i++) {
        if (text.charAt(i) == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      return new SourcePosition(source, line, offset - lineStart + 1);
    }
  }

  // ---- static helpers ------------------------------------------------------------------------

  private static boolean isNull(Node node) {
    if (!(node instanceof ScalarNode)) {
      return false;
    }
    ScalarNode scalar = (ScalarNode) node;
    if (!scalar.isPlain()) {
      return false;
    }
    String value = scalar.getValue();
    return value.isEmpty()
        || value.equals("~")
        || value.equals("null")
        || value.equals("Null")
        || value.equals("NULL");
  }

  private static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    if (isNull(node)) {
      return "nothing";
    }
    return "the value '" + ((ScalarNode) node).getValue() + "'";
  }

  private static String join(String display, String name) {
    return display.isEmpty() ? name : display.concat(".").concat(name);
  }

  private static String example(ConfigSchema.Key key) {
    return "e.g. " + key.name() + ": " + key.example();
  }

  private static String ruleHint(String itemPath) {
    ConfigSchema.Key first = ConfigSchema.children(itemPath).get(0);
    return "start each rule with '- ', e.g. '- " + first.name() + ": " + first.example() + "'";
  }

  private static String childNames(String path) {
    List<String> names = new ArrayList<>();
    for (ConfigSchema.Key child : ConfigSchema.children(path)) {
      names.add(child.name());
    }
    return String.join(", ", names);
  }

  /** "did you mean 'max-entries'?", or where the key belongs, or which keys are allowed here. */
  static String unknownKeyHint(String schemaPath, String name) {
    int dot = name.indexOf('.');
    if (dot > 0
        && ConfigSchema.key(schemaPath.isEmpty() ? name : schemaPath + "." + name) != null) {
      return "nest it: '"
          + name.substring(0, dot)
          + ":' with '"
          + name.substring(dot + 1)
          + ":' indented below";
    }
    List<String> siblings = new ArrayList<>();
    for (ConfigSchema.Key sibling : ConfigSchema.children(schemaPath)) {
      siblings.add(sibling.name());
    }
    String suggestion = Suggestions.closest(name, siblings);
    if (suggestion != null) {
      return "did you mean '" + suggestion + "'?";
    }
    for (ConfigSchema.Key elsewhere : ConfigSchema.keys()) {
      if (elsewhere.name().equals(name)) {
        return "'" + name + "' belongs " + describeParent(elsewhere.parent());
      }
    }
    if (siblings.isEmpty()) {
      return null;
    }
    return (schemaPath.isEmpty() ? "the top-level keys are " : "the keys here are ")
        + String.join(", ", siblings);
  }

  private static String describeParent(String parent) {
    if (parent.isEmpty()) {
      return "at the top level";
    }
    if (parent.endsWith("[]")) {
      return "in a rule under '" + parent.substring(0, parent.length() - 2) + ":'";
    }
    int items = parent.indexOf("[].");
    if (items >= 0) {
      return "under '"
          + parent.substring(items + 3)
          + ":' in a rule under '"
          + parent.substring(0, items)
          + ":'";
    }
    return "under '" + parent + ":'";
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
