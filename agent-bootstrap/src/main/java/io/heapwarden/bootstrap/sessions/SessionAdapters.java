package io.heapwarden.bootstrap.sessions;

import io.heapwarden.bootstrap.sessions.servlet.ServletSessions;
import java.util.Map;

/**
 * The session adapters by name, as rules name them. Adding one is a class implementing {@link
 * SessionAdapter} and a line in {@link #BY_NAME}.
 */
public final class SessionAdapters {
  /** The adapter of rules written with {@code field:}: plain windows, close on evict. */
  public static final String DEFAULT = "default";

  private static final SessionAdapter GENERIC = new SessionAdapter() {};

  private static final Map<String, SessionAdapter> BY_NAME =
      Map.of(
          DEFAULT,
          GENERIC,
          "langchain4j",
          new SystemMessageAdapter("dev.langchain4j.data.message.SystemMessage"),
          "spring-ai",
          new SystemMessageAdapter("org.springframework.ai.chat.messages.SystemMessage"),
          "servlet",
          ServletSessions.ADAPTER);

  private SessionAdapters() {}

  /** The adapter named {@code name}; the default one for an unknown name. */
  public static SessionAdapter get(String name) {
    SessionAdapter adapter = name == null ? null : BY_NAME.get(name);
    return adapter == null ? GENERIC : adapter;
  }

  /** Whether an adapter of this name exists (the agent checks its presets against this). */
  public static boolean exists(String name) {
    return BY_NAME.containsKey(name);
  }
}
