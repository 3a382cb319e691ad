package io.heapwarden.examples.chat;

/** TODO(example helper): the leaky service. */
public final class ChatService {
  private ChatService() {}

  public static void main(String[] args) {}
}
