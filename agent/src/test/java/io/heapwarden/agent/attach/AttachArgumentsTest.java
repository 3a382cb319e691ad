package io.heapwarden.agent.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AttachArgumentsTest {
  @Test
  void aTargetAndAConfigMadeAbsolute() throws AttachFailure {
    AttachArguments parsed =
        AttachArguments.attach(new String[] {"chat-service", "--config", "conf/../hw.yaml"});

    assertThat(parsed.target()).isEqualTo("chat-service");
    assertThat(parsed.config()).isEqualTo(Path.of("hw.yaml").toAbsolutePath());
  }

  @Test
  void theConfigMayComeFirstOrWithAnEqualsSign() throws AttachFailure {
    assertThat(AttachArguments.attach(new String[] {"--config=/a/hw.yaml", "123"}))
        .isEqualTo(new AttachArguments("123", Path.of("/a/hw.yaml")));
    assertThat(AttachArguments.attach(new String[] {"-c", "/a/hw.yaml", "123"}).config())
        .isEqualTo(Path.of("/a/hw.yaml"));
  }

  @Test
  void aMissingTargetConfigOrValueIsAUsageError() {
    assertUsage(new String[] {"--config", "hw.yaml"}, "expected the PID or name");
    assertUsage(new String[] {"123"}, "expected the config file");
    assertUsage(new String[] {"123", "--config"}, "--config needs a FILE");
    assertUsage(new String[] {"123", "456", "--config", "a.yaml"}, "unexpected argument '456'");
    assertUsage(new String[] {"123", "--verbose", "--config", "a.yaml"}, "'--verbose'");
    assertUsage(
        new String[] {"123", "--config", "a.yaml", "--config=b.yaml"}, "--config is given twice");
  }

  @Test
  void detachTakesOneTarget() throws AttachFailure {
    assertThat(AttachArguments.detach(new String[] {"42"}).target()).isEqualTo("42");
    assertThatThrownBy(() -> AttachArguments.detach(new String[] {}))
        .hasMessageContaining("expected one PID or name");
    assertThatThrownBy(() -> AttachArguments.detach(new String[] {"1", "2"}))
        .isInstanceOf(AttachFailure.class);
  }

  @Test
  void aCommaInTheConfigPathIsEscapedForTheAgentArgument() {
    assertThat(AttachArguments.agentArgument(Path.of("/srv/a,b/hw.yaml")))
        .isEqualTo("config=/srv/a\\,b/hw.yaml");
  }

  private static void assertUsage(String[] arguments, String message) {
    assertThatThrownBy(() -> AttachArguments.attach(arguments))
        .isInstanceOf(AttachFailure.class)
        .hasMessageContaining(message)
        .extracting(failure -> ((AttachFailure) failure).exitCode)
        .isEqualTo(AttachFailure.EXIT_USAGE);
  }
}
