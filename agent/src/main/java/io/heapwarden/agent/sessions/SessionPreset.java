package io.heapwarden.agent.sessions;

import io.heapwarden.agent.config.FieldRef;
import io.heapwarden.agent.config.OnEvict;
import java.time.Duration;
import java.util.List;

/**
 * A named set of session rules for the real classes of one library ({@code preset: langchain4j} in
 * the config). A preset lists the library fields that hold its session maps, each with the name of
 * the boot-side {@link io.heapwarden.bootstrap.sessions.SessionAdapter} that knows how that
 * library's sessions are windowed and ended, and the limits that apply unless the config entry
 * overrides them. To add a preset: one class implementing this, one line in {@link SessionPresets}
 * (and, if it needs one, an adapter registered in {@link
 * io.heapwarden.bootstrap.sessions.SessionAdapters}).
 */
public interface SessionPreset {
  /** The name the config uses, e.g. {@code spring-ai}. */
  String name();

  /** The fields holding the library's session maps. */
  List<Target> targets();

  /** The limits a {@code preset:} entry gets for the keys it does not set. */
  Defaults defaults();

  /**
   * One session map of the library.
   *
   * @param field the field holding the map, e.g. {@code
   *     dev.langchain4j.store.memory.chat.InMemoryChatMemoryStore.messagesByMemoryId}
   * @param adapter the name of the {@link io.heapwarden.bootstrap.sessions.SessionAdapter}
   */
  record Target(FieldRef field, String adapter) {
    /** A target named as {@code the.Class.field}. */
    public static Target of(String className, String fieldName, String adapter) {
      return new Target(new FieldRef(className, fieldName), adapter);
    }
  }

  /**
   * A preset's default limits; {@link io.heapwarden.bootstrap.Limit#UNSET} or a null idle timeout
   * where it sets none.
   */
  record Defaults(long maxSessions, Duration idleTimeout, long window, OnEvict onEvict) {}
}
