package io.heapwarden.agent.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Each reason a process cannot be attached to, from its facts: one line, its own exit status. */
class ProcessDiagnosisTest {
  private static ProcessFacts facts(
      boolean alive, String user, List<String> arguments, boolean listed, @Nullable Boolean jvm) {
    return new ProcessFacts(42, alive, user, "/usr/bin/java", arguments, listed, jvm);
  }

  private static AttachFailure failure(ProcessFacts facts, String me) {
    try {
      ProcessDiagnosis.check(facts, me);
    } catch (AttachFailure failure) {
      return failure;
    }
    throw new AssertionError("expected a failure");
  }

  @Test
  void aListedJvmIsAttachedTo() {
    assertThatCode(() -> ProcessDiagnosis.check(facts(true, "app", List.of(), true, true), "app"))
        .doesNotThrowAnyException();
  }

  @Test
  void noProcess() {
    AttachFailure failure = failure(facts(false, "app", List.of(), false, null), "app");
    assertThat(failure.exitCode).isEqualTo(AttachFailure.EXIT_NO_PROCESS);
    assertThat(failure).hasMessage("no process with PID 42");
  }

  @Test
  void aProcessThatIsNoJvm() {
    ProcessFacts sleep =
        new ProcessFacts(42, true, "app", "/usr/bin/sleep", List.of("300"), false, false);
    AttachFailure failure = failure(sleep, "app");
    assertThat(failure.exitCode).isEqualTo(AttachFailure.EXIT_NOT_A_JVM);
    assertThat(failure).hasMessage("process 42 (/usr/bin/sleep 300) is not a Java virtual machine");
  }

  @Test
  void aJvmOfAnotherUserSaysWhoseAndHowToRunAsThem() {
    AttachFailure failure = failure(facts(true, "tomcat", List.of(), false, true), "alice");
    assertThat(failure.exitCode).isEqualTo(AttachFailure.EXIT_CANNOT_ATTACH);
    assertThat(failure)
        .hasMessageStartingWith("JVM 42 runs as user 'tomcat' and this command as 'alice'")
        .hasMessageContaining("sudo -u tomcat java -jar heapwarden-agent.jar");
  }

  @Test
  void anotherUsersProcessThatMayBeAJvmIsNotCalledOne() {
    AttachFailure failure = failure(facts(true, "tomcat", List.of(), false, null), "alice");
    assertThat(failure.exitCode).isEqualTo(AttachFailure.EXIT_CANNOT_ATTACH);
    assertThat(failure).hasMessageStartingWith("process 42 runs as user 'tomcat'");
  }

  @Test
  void rootMayAttachToAnyUsersJvm() {
    assertThatCode(
            () -> ProcessDiagnosis.check(facts(true, "tomcat", List.of(), false, true), "root"))
        .doesNotThrowAnyException();
  }

  @Test
  void aJvmThatDisabledTheAttachMechanism() {
    AttachFailure failure =
        failure(
            facts(
                true, "app", List.of("-XX:+DisableAttachMechanism", "-jar", "a.jar"), false, true),
            "app");
    assertThat(failure.exitCode).isEqualTo(AttachFailure.EXIT_CANNOT_ATTACH);
    assertThat(failure)
        .hasMessageStartingWith("JVM 42 was started with -XX:+DisableAttachMechanism")
        .hasMessageContaining("-javaagent:");
  }

  @Test
  void aJvmOfThisUserWithoutPerfDataIsStillTried() {
    assertThatCode(
            () ->
                ProcessDiagnosis.check(
                    facts(true, "app", List.of("-XX:-UsePerfData"), false, true), "app"))
        .doesNotThrowAnyException();
  }

  @Test
  void javaVersionsOldAndNew() {
    assertThat(ProcessDiagnosis.featureVersion("1.8")).isEqualTo(8);
    assertThat(ProcessDiagnosis.featureVersion("11")).isEqualTo(11);
    assertThat(ProcessDiagnosis.featureVersion("25")).isEqualTo(25);
    assertThat(ProcessDiagnosis.featureVersion(null)).isEqualTo(-1);
    assertThat(ProcessDiagnosis.featureVersion("x")).isEqualTo(-1);
  }
}
