package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.sessions.LangChain4jChats;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.JvmResult;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;

/**
 * {@code preset: langchain4j} against the real LangChain4j from Maven Central: 300 conversations
 * through {@code MessageWindowChatMemory} over an {@code InMemoryChatMemoryStore}, and 300 users of
 * an AI service's {@code ChatMemoryService}, with room for 50.
 */
class LangChain4jSessionsIT {
  private static final String[] LIBS = {"langchain4j.jar", "langchain4j-core.jar"};

  private static final String CONFIG =
      """
      telemetry:
        interval: 200ms
      sessions:
        - preset: langchain4j
          max-sessions: 50
          window: 6
      """;

  @Test
  void withoutTheAgentEveryConversationIsKeptWhole() {
    JvmResult result =
        AgentJvm.forMainClass(LangChain4jChats.class).fixtureLibs(LIBS).args("300").run();

    assertThat(result.stdout())
        .as(result.output())
        .contains("kept: 300", "window sizes: [21]", "service memories: 300")
        .contains("returning c0 holds: 21");
  }

  @Test
  void keepsTheMostRecentConversationsEachWindowedWithItsSystemMessage() {
    JvmResult result =
        AgentJvm.forMainClass(LangChain4jChats.class)
            .fixtureLibs(LIBS)
            .withConfig(CONFIG)
            .recordJfr()
            .args("300", "1000")
            .run();

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.stdout())
        .as(result.output())
        .contains("store: io.heapwarden.bootstrap.sessions.ConcurrentSessionMap")
        .contains("kept: 50")
        // the system message and the five newest messages: the library's own window is 50
        .contains("window sizes: [6]")
        .contains("system message first in each: true")
        .contains("newest conversation ends with: answer 9")
        // evicted long ago: the conversation starts afresh
        .contains("returning c0 holds: 0", "returning c0 then holds: 1")
        .contains("service memories: 50")
        .contains("returning user0 holds: 0", "newest user holds: 1");
    long evicted =
        result.events("heapwarden.SessionEvictions").stream()
            .filter(e -> e.getString("reason").equals("capacity"))
            .mapToLong(e -> e.getLong("count"))
            .sum();
    // 250 conversations, then c0 again; 250 users, then user0 again
    assertThat(evicted).isEqualTo(251 + 251);
    RecordedEvent any = result.events("heapwarden.SessionEvictions").get(0);
    assertThat(any.getString("rule")).startsWith("dev.langchain4j.");
    assertThat(result.events("heapwarden.RuleFailed")).isEmpty();
    assertThat(result.events("heapwarden.TransformFailed")).isEmpty();
  }
}
