package io.heapwarden.agent.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class JvmTargetsTest {
  private static final List<RunningJvm> RUNNING =
      List.of(
          new RunningJvm(101, "io.heapwarden.examples.chat.ChatService 8080"),
          new RunningJvm(102, "/srv/billing/billing-service-2.1.jar --port 9090"),
          new RunningJvm(103, "/srv/orders/orders-service.jar"),
          new RunningJvm(104, "104")); // no perf data: the PID is its display name

  @Test
  void aNameMatchesPartOfTheMainClassOrTheJarPath() throws AttachFailure {
    assertThat(JvmTargets.byName("ChatService", RUNNING)).isEqualTo(101);
    assertThat(JvmTargets.byName("billing-service", RUNNING)).isEqualTo(102);
    assertThat(JvmTargets.byName("orders/", RUNNING)).isEqualTo(103);
  }

  @Test
  void argumentsAreNotPartOfTheName() {
    assertThatThrownBy(() -> JvmTargets.byName("9090", RUNNING))
        .isInstanceOf(AttachFailure.class)
        .hasMessageContaining("no running JVM of this user has a main class or jar that contains");
  }

  @Test
  void anAmbiguousNameListsTheCandidatesAndExitsWithItsOwnStatus() {
    assertThatThrownBy(() -> JvmTargets.byName("-service", RUNNING))
        .isInstanceOf(AttachFailure.class)
        .hasMessageContaining("'-service' matches 2 JVMs")
        .hasMessageContaining("102  /srv/billing/billing-service-2.1.jar")
        .hasMessageContaining("103  /srv/orders/orders-service.jar")
        .extracting(failure -> ((AttachFailure) failure).exitCode)
        .isEqualTo(AttachFailure.EXIT_AMBIGUOUS);
  }

  @Test
  void aJvmWithoutADisplayNameIsNeverMatchedByName() {
    assertThatThrownBy(() -> JvmTargets.byName("104", RUNNING))
        .hasMessageContaining("no running JVM");
  }

  @Test
  void digitsArePidsAndZeroOrOverflowIsNoPid() {
    assertThat(JvmTargets.pidOrZero("4711")).isEqualTo(4711);
    assertThat(JvmTargets.pidOrZero("chat")).isZero();
    assertThat(JvmTargets.pidOrZero("0")).isEqualTo(-1);
    assertThat(JvmTargets.pidOrZero("99999999999999999999")).isEqualTo(-1);
  }

  @Test
  void thisCommandsOwnJvmIsNoTarget() {
    String self = Long.toString(ProcessHandle.current().pid());
    assertThatThrownBy(() -> JvmTargets.resolve(self, List.of(), "me"))
        .hasMessageContaining("this command's own JVM");
  }
}
