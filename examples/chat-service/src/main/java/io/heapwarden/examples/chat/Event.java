package io.heapwarden.examples.chat;

/** One server-sent event, as delivered to one client: {@code id} is unique per delivery. */
public record Event(long id, String type, String data) {

  /** The event in the {@code text/event-stream} wire format. */
  public String toSse() {
    return "id: " + id + "\nevent: " + type + "\ndata: " + data + "\n\n";
  }
}
