package io.heapwarden.agent.sessions;

import io.heapwarden.agent.config.SessionRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The registry of session presets, by name. Adding a preset is one class and one line in {@link
 * #ALL}.
 */
public final class SessionPresets {
  private static final List<SessionPreset> ALL =
      List.of(new LangChain4jPreset(), new SpringAiPreset(), new ServletPreset());

  private SessionPresets() {}

  /** The preset named {@code name}, or null. */
  public static @Nullable SessionPreset find(String name) {
    for (SessionPreset preset : ALL) {
      if (preset.name().equals(name)) {
        return preset;
      }
    }
    return null;
  }

  /** Every preset name, in registry order. */
  public static List<String> names() {
    List<String> names = new ArrayList<>(ALL.size());
    for (SessionPreset preset : ALL) {
      names.add(preset.name());
    }
    return names;
  }

  /**
   * The rules that enforce {@code written}: field rules as they are, each preset entry as one rule
   * per field of the preset, with the entry's (already defaulted) limits. An unknown preset (which
   * a validated config never holds) expands to nothing.
   */
  public static List<SessionRule> expand(List<SessionRule> written) {
    List<SessionRule> rules = new ArrayList<>();
    for (SessionRule rule : written) {
      if (!rule.isPresetEntry()) {
        rules.add(rule);
        continue;
      }
      SessionPreset preset = find(Objects.requireNonNull(rule.preset())); // a preset entry's
      if (preset == null) {
        continue;
      }
      for (SessionPreset.Target target : preset.targets()) {
        rules.add(rule.forField(target.field(), target.adapter()));
      }
    }
    return rules;
  }
}
