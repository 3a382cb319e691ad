package io.heapwarden.agent.attach;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The attach API's failures, as HotSpot words them, to one line each. */
class AttachErrorsTest {
  @Test
  void aJvmThatRefusesDynamicAgentsIsToldHowToAllowThem() {
    AttachFailure failure =
        AttachErrors.ofLoad(
            7,
            25,
            new AgentLoadException(
                "Dynamic agent loading is not enabled. Use -XX:+EnableDynamicAgentLoading to"
                    + " launch target VM."));
    assertThat(failure.exitCode).isEqualTo(AttachFailure.EXIT_CANNOT_ATTACH);
    assertThat(failure)
        .hasMessageStartingWith("JVM 7 refuses agents loaded at run time")
        .hasMessageContaining("restart it with -XX:+EnableDynamicAgentLoading");
  }

  @Test
  void anAgentThatFailedToStartPointsAtTheServicesOutput() {
    AttachFailure failure =
        AttachErrors.ofLoad(
            7, 17, new AgentInitializationException("Agent JAR loaded but agent failed"));
    assertThat(failure).hasMessageContaining("the service's own output (stderr) says why");
  }

  @Test
  void aJvmThatDoesNotAnswerMayHaveDisabledAttaching() {
    AttachFailure failure =
        AttachErrors.ofAttach(
            7,
            new AttachNotSupportedException(
                "Unable to open socket file /proc/7/root/tmp/.java_pid7: target process 7 doesn't"
                    + " respond within 10500ms or HotSpot VM not loaded"));
    assertThat(failure.exitCode).isEqualTo(AttachFailure.EXIT_CANNOT_ATTACH);
    assertThat(failure).hasMessageContaining("-XX:+DisableAttachMechanism");
  }

  @Test
  void aSocketOfAnotherUserIsNamedSo() {
    AttachFailure failure =
        AttachErrors.ofAttach(
            7,
            new IOException(
                "file should be owned by the current user (which is 1000) but is owned by 1001"));
    assertThat(failure).hasMessageStartingWith("JVM 7 belongs to another user");
  }

  @Test
  void theJep451NoteIsForJava21OnWithoutTheFlag() {
    assertThat(AttachErrors.dynamicLoadingNote(7, 17, false)).isNull();
    assertThat(AttachErrors.dynamicLoadingNote(7, 21, true)).isNull();
    assertThat(AttachErrors.dynamicLoadingNote(7, 25, false))
        .contains("JEP 451")
        .contains("-XX:+EnableDynamicAgentLoading");
  }
}
