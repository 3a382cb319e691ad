package io.heapwarden.agent.config;

import java.util.List;

/** The outcome of loading a config: a valid config, or the problems that make it invalid. */
public sealed interface ConfigResult {
  record Valid(AgentConfig config) implements ConfigResult {}

  /**
   * {@code strict} is true when the rejected input still said {@code strict: true} (or an override
   * did), so the agent knows to stop the JVM.
   */
  record Invalid(List<ConfigProblem> problems, boolean strict) implements ConfigResult {
    public Invalid {
      problems = List.copyOf(problems);
    }
  }
}
