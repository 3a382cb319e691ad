package io.heapwarden.examples.chat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every session's conversation, kept in memory so that each reply can see the whole conversation.
 *
 * <p>LEAK: histories are never pruned and sessions never expire. Each exchange adds two messages
 * (the user's, with its embedding, and the reply), and every reply is built from the whole history
 * (seed 001 capped theirs at 10 messages, seed 003 at a window of 5).
 */
public final class ConversationStore {
  private final ConcurrentHashMap<String, List<Message>> histories = new ConcurrentHashMap<>();

  /** A copy of the session's history, oldest first; empty for a new session. */
  public List<Message> history(String session) {
    List<Message> history = histories.get(session);
    return history == null ? List.of() : new ArrayList<>(history);
  }

  public void append(String session, Message message) {
    histories
        .computeIfAbsent(session, k -> Collections.synchronizedList(new ArrayList<>()))
        .add(message);
  }

  public int sessions() {
    return histories.size();
  }

  /** Messages held across all sessions. */
  public long messages() {
    long total = 0;
    for (List<Message> history : histories.values()) {
      total += history.size();
    }
    return total;
  }
}
