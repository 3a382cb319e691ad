package io.heapwarden.examples.chat;

import org.jspecify.annotations.Nullable;

/**
 * One turn of a conversation. User messages carry the embedding of their text; replies carry none.
 */
public record Message(Role role, String text, float @Nullable [] embedding, long timestampMillis) {

  /** Who said it. */
  public enum Role {
    USER,
    ASSISTANT
  }

  public static Message user(String text, float[] embedding) {
    return new Message(Role.USER, text, embedding, System.currentTimeMillis());
  }

  public static Message assistant(String text) {
    return new Message(Role.ASSISTANT, text, null, System.currentTimeMillis());
  }
}
