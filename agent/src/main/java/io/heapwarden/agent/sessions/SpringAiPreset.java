package io.heapwarden.agent.sessions;

import io.heapwarden.agent.config.OnEvict;
import java.time.Duration;
import java.util.List;

/**
 * Spring AI's in-memory chat memory: {@code InMemoryChatMemoryRepository} keeps a message list per
 * conversation id in a {@code ConcurrentHashMap}. {@code MessageWindowChatMemory} caps each list,
 * but the number of conversations grows without end. Windows keep the system message, as Spring
 * AI's own window does.
 */
final class SpringAiPreset implements SessionPreset {
  static final String ADAPTER = "spring-ai";

  @Override
  public String name() {
    return "spring-ai";
  }

  @Override
  public List<Target> targets() {
    return List.of(
        Target.of(
            "org.springframework.ai.chat.memory.InMemoryChatMemoryRepository",
            "chatMemoryStore",
            ADAPTER));
  }

  @Override
  public Defaults defaults() {
    return new Defaults(10_000, Duration.ofMinutes(30), 100, OnEvict.NONE);
  }
}
