package io.heapwarden.agent.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Every key the config file accepts, as data: path, type, default, example and description. The
 * table drives validation (which keys a mapping may hold, how each value parses, which are
 * required), "did you mean" hints, the overridable settings, the CLI's effective-config print, and
 * the test that keeps {@code docs/configuration.md} in step.
 *
 * <p>The agent's own settings are listed in {@link SettingKeys}; each rule list ({@code
 * collections:}, {@code sessions:}, ...) and its entries' keys come from the {@link RuleSection} of
 * its kind, given to {@link #of}. Paths join nested keys with dots; {@code []} marks the entries of
 * a rule list, e.g. {@code collections[].values.max-entries}.
 */
public final class ConfigSchema {
  static final String PROPERTY_PREFIX = "heapwarden.";
  static final String ENV_PREFIX = "HEAPWARDEN_";

  /** The default of a limit a rule need not set. */
  public static final String UNSET = "unset";

  /** The default of a key whose absence means "not this way" (one of class and method). */
  public static final String NONE = "none";

  private final List<ConfigKey> keys;
  private final List<RuleSection<?>> sections;
  private final Map<String, ConfigKey> byPath = new HashMap<>();
  private final Map<String, List<ConfigKey>> children = new HashMap<>();

  private ConfigSchema(List<ConfigKey> keys, List<RuleSection<?>> sections) {
    this.keys = List.copyOf(keys);
    this.sections = List.copyOf(sections);
    for (ConfigKey key : this.keys) {
      byPath.put(key.path(), key);
      List<ConfigKey> siblings = children.get(key.parent());
      if (siblings == null) {
        siblings = new ArrayList<>();
        children.put(key.parent(), siblings);
      }
      siblings.add(key);
    }
  }

  /**
   * The schema of the settings and of these rule lists, which appear in the given order between the
   * settings before the rule lists ({@code reload:}) and those after them ({@code pressure:}).
   */
  public static ConfigSchema of(List<? extends RuleSection<?>> sections) {
    List<ConfigKey> keys = new ArrayList<>(SettingKeys.BEFORE_RULES);
    for (RuleSection<?> section : sections) {
      keys.add(ConfigKey.list(section.name(), section.description()));
      keys.addAll(section.keys());
    }
    keys.addAll(SettingKeys.AFTER_RULES);
    return new ConfigSchema(keys, new ArrayList<RuleSection<?>>(sections));
  }

  /** Every key, in the order of the documentation. */
  public List<ConfigKey> keys() {
    return keys;
  }

  /** The rule lists, in the order of the documentation. */
  public List<RuleSection<?>> sections() {
    return sections;
  }

  /** The rule list at {@code path} ({@code collections}), or null. */
  public @Nullable RuleSection<?> section(String path) {
    for (RuleSection<?> section : sections) {
      if (section.name().equals(path)) {
        return section;
      }
    }
    return null;
  }

  /** The key at {@code path}, or null. */
  public @Nullable ConfigKey key(String path) {
    return byPath.get(path);
  }

  /** The keys directly inside the mapping at {@code parent} ({@code ""} for the top level). */
  public List<ConfigKey> children(String parent) {
    List<ConfigKey> found = children.get(parent);
    return found == null ? List.of() : Collections.unmodifiableList(found);
  }

  /** The key named {@code name} inside {@code parent}, or null. */
  @Nullable ConfigKey child(String parent, String name) {
    ConfigKey key = byPath.get(parent.isEmpty() ? name : parent.concat(".").concat(name));
    return key != null && key.parent().equals(parent) ? key : null;
  }

  static String choiceName(Enum<?> choice) {
    return choice.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static String envName(String path) {
    return ENV_PREFIX.concat(path.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
  }
}
