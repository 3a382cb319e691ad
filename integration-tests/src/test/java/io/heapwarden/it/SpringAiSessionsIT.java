package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.sessions.SpringAiChats;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.JvmResult;
import org.junit.jupiter.api.Test;

/**
 * {@code preset: spring-ai} against the real Spring AI from Maven Central: 300 conversations
 * through {@code MessageWindowChatMemory} over an {@code InMemoryChatMemoryRepository}, with room
 * for 40.
 */
class SpringAiSessionsIT {
  private static final String[] LIBS = {
    "spring-ai-model.jar", "spring-ai-commons.jar", "spring-core.jar", "spring-jcl.jar"
  };

  private static final String CONFIG =
      """
      telemetry:
        interval: 200ms
      sessions:
        - preset: spring-ai
          max-sessions: 40
          window: 5
      """;

  @Test
  void withoutTheAgentEveryConversationIsKeptWhole() {
    JvmResult result =
        AgentJvm.forMainClass(SpringAiChats.class).fixtureLibs(LIBS).args("300").run();

    assertThat(result.stdout())
        .as(result.output())
        .contains("kept: 300", "window sizes: [21]", "returning c0 holds: 21");
  }

  @Test
  void keepsTheMostRecentConversationsEachWindowedWithItsSystemMessage() {
    JvmResult result =
        AgentJvm.forMainClass(SpringAiChats.class)
            .fixtureLibs(LIBS)
            .withConfig(CONFIG)
            .recordJfr()
            .args("300", "1000")
            .run();

    assertThat(result.exitCode()).as(result.output()).isZero();
    assertThat(result.stdout())
        .as(result.output())
        .contains("kept: 40")
        // the system message and the four newest messages: the library's own window is 50
        .contains("window sizes: [5]")
        .contains("system message first in each: true")
        .contains("newest conversation ends with: answer 9")
        // evicted long ago: the conversation starts afresh
        .contains("returning c0 holds: 0", "returning c0 then holds: 1");
    long evicted =
        result.events("heapwarden.SessionEvictions").stream()
            .filter(e -> e.getString("reason").equals("capacity"))
            .mapToLong(e -> e.getLong("count"))
            .sum();
    assertThat(evicted).isEqualTo(260 + 1); // 260 conversations, then c0 again
    assertThat(result.events("heapwarden.RuleFailed")).isEmpty();
  }
}
