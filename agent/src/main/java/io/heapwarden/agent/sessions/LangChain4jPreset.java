package io.heapwarden.agent.sessions;

import io.heapwarden.agent.config.OnEvict;
import java.time.Duration;
import java.util.List;

/**
 * LangChain4j's in-memory chat memory: {@code InMemoryChatMemoryStore} keeps a message list per
 * memory id, and an AI service's {@code ChatMemoryService} keeps a {@code ChatMemory} per memory
 * id; both are {@code ConcurrentHashMap}s that nothing removes from. Windows keep the system
 * message, as LangChain4j's own {@code MessageWindowChatMemory} does.
 */
final class LangChain4jPreset implements SessionPreset {
  static final String ADAPTER = "langchain4j";

  @Override
  public String name() {
    return "langchain4j";
  }

  @Override
  public List<Target> targets() {
    return List.of(
        Target.of(
            "dev.langchain4j.store.memory.chat.InMemoryChatMemoryStore",
            "messagesByMemoryId",
            ADAPTER),
        Target.of("dev.langchain4j.service.memory.ChatMemoryService", "chatMemories", ADAPTER));
  }

  @Override
  public Defaults defaults() {
    return new Defaults(10_000, Duration.ofMinutes(30), 100, OnEvict.NONE);
  }
}
