package io.heapwarden.examples.chat;

import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Stands in for the language model: builds the prompt from the whole conversation, as a chat
 * completion API would need it, and "generates" a reply of a few KB from it, deterministically.
 */
final class Assistant {
  private static final String SYSTEM_PROMPT =
      "You are a helpful support assistant. Answer briefly and cite the documentation.";

  private static final String[] SENTENCES = {
    "Let me walk you through it step by step.",
    "First, check that the service is running the latest release.",
    "The configuration file is read once at startup, so restart after editing it.",
    "If the problem persists, the logs usually say which setting is wrong.",
    "Most users solve this by clearing the local cache and signing in again.",
    "You can also set the option per project instead of globally.",
    "Keep in mind that limits apply per workspace, not per user.",
    "The documentation has a troubleshooting page with the common error messages.",
    "That behaviour is expected when the request times out on the server side.",
    "Try the same request with verbose logging enabled and compare the output.",
    "Exports run in the background and you get an email when they finish.",
    "Shared links expire after thirty days unless you pin them.",
    "Billing changes take effect at the start of the next cycle.",
    "The mobile app syncs every few minutes, or immediately when you pull to refresh.",
    "For larger teams, an administrator can enforce the setting for everyone.",
    "I hope this helps; tell me if anything is unclear.",
  };

  private Assistant() {}

  static String reply(List<Message> history, String message, float[] embedding) {
    String prompt = prompt(history, message);
    SplittableRandom random = new SplittableRandom(prompt.hashCode() * 31L + message.hashCode());
    StringBuilder reply = new StringBuilder(4096);
    reply.append("You asked: \"").append(message).append("\". ");
    reply.append("(Turn ").append(history.size() / 2 + 1).append(", ");
    reply.append(prompt.length()).append(" characters of context, topic score ");
    reply.append(String.format(Locale.ROOT, "%.3f", embedding[0])).append(".) ");
    // Like a real model, it recaps the conversation: the longer the history, the longer the reply.
    for (Message turn : history) {
      if (turn.role() == Message.Role.USER) {
        reply.append("Earlier you asked: \"").append(turn.text()).append("\". ");
      }
    }
    int target = reply.length() + 1500 + random.nextInt(1500);
    while (reply.length() < target) {
      reply.append(SENTENCES[random.nextInt(SENTENCES.length)]).append(' ');
    }
    return reply.toString();
  }

  /** The prompt: the system prompt, every earlier turn of the conversation, then the message. */
  private static String prompt(List<Message> history, String message) {
    StringBuilder prompt = new StringBuilder(SYSTEM_PROMPT).append('\n');
    for (Message turn : history) {
      prompt.append(turn.role() == Message.Role.USER ? "user: " : "assistant: ");
      prompt.append(turn.text()).append('\n');
    }
    return prompt.append("user: ").append(message).append('\n').toString();
  }
}
