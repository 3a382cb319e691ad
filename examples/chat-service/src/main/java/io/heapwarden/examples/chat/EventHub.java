package io.heapwarden.examples.chat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server-sent events for the activity feed: one queue per client, filled by {@link #publish} and
 * drained each time the client polls.
 *
 * <p>LEAK: a queue is created on a client's first poll and never removed. Clients come and go
 * without unsubscribing, so queues of clients that left keep receiving every event, forever (seed
 * 001 bounded theirs at 100 events and dropped stale connections).
 */
public final class EventHub {
  private static final int MAX_EVENTS_PER_POLL = 10_000;

  private final ConcurrentHashMap<String, LinkedBlockingQueue<Event>> queues =
      new ConcurrentHashMap<>();
  private final AtomicLong nextId = new AtomicLong();

  /** Subscribes {@code client} if needed and returns (and removes) what is waiting for it. */
  public List<Event> poll(String client) {
    LinkedBlockingQueue<Event> queue =
        queues.computeIfAbsent(client, k -> new LinkedBlockingQueue<>());
    List<Event> events = new ArrayList<>();
    queue.drainTo(events, MAX_EVENTS_PER_POLL);
    return events;
  }

  /** Sends an event to every subscribed client. */
  public void publish(String type, String data) {
    for (LinkedBlockingQueue<Event> queue : queues.values()) {
      queue.offer(new Event(nextId.incrementAndGet(), type, data, Instant.now()));
    }
  }

  public int clients() {
    return queues.size();
  }

  /** How long the oldest event still waiting in any queue has waited; zero when none waits. */
  public Duration oldestPendingAge() {
    Instant now = Instant.now();
    Instant oldest = now;
    for (LinkedBlockingQueue<Event> queue : queues.values()) {
      Event head = queue.peek();
      if (head != null && head.createdAt().isBefore(oldest)) {
        oldest = head.createdAt();
      }
    }
    return Duration.between(oldest, now);
  }

  /** Events waiting across all queues. */
  public long pendingEvents() {
    long total = 0;
    for (LinkedBlockingQueue<Event> queue : queues.values()) {
      total += queue.size();
    }
    return total;
  }
}
