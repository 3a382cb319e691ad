package io.heapwarden.examples.chat;

import java.time.Instant;

/** One server-sent event, as delivered to one client: {@code id} is unique per delivery. */
public record Event(long id, String type, String data, Instant createdAt) {

  /** The event in the {@code text/event-stream} wire format. */
  public String toSse() {
    return "id: " + id + "\nevent: " + type + "\ndata: " + data + "\n\n";
  }
}
