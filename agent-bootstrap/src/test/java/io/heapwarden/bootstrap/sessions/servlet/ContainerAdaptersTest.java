package io.heapwarden.bootstrap.sessions.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import org.apache.catalina.session.StandardSession;
import org.eclipse.jetty.session.ManagedSession;
import org.junit.jupiter.api.Test;

/** The adapters find the members they need in the real container classes the preset targets. */
class ContainerAdaptersTest {

  /** A subclass, as a custom manager would create; the adapter is found through the hierarchy. */
  static final class CustomSession extends StandardSession {
    private static final long serialVersionUID = 1L;

    CustomSession() {
      super(null);
    }
  }

  @Test
  void tomcatStandardSessionTimesInUseAndMaxInactiveInterval() throws Throwable {
    CustomSession session = new CustomSession();
    session.setValid(true);
    session.setCreationTime(1_000);
    session.setMaxInactiveInterval(-1);
    ContainerAdapter adapter = ContainerAdapters.of(session.getClass());

    assertThat(adapter.container()).isEqualTo("tomcat");
    assertThat(adapter.created(session)).isEqualTo(1_000);
    assertThat(adapter.lastAccess(session)).isEqualTo(1_000);
    assertThat(adapter.inUse(session)).isFalse();

    session.access(); // a request starts
    assertThat(adapter.inUse(session)).isTrue();
    assertThat(adapter.lastAccess(session)).isGreaterThan(1_000);
    session.endAccess();
    assertThat(adapter.inUse(session)).isFalse();

    assertThat(adapter.capInactiveInterval(session, 600)).isTrue();
    assertThat(session.getMaxInactiveInterval()).isEqualTo(600);
    assertThat(adapter.capInactiveInterval(session, 900)).isFalse();
    assertThat(session.getMaxInactiveInterval()).isEqualTo(600);
    assertThat(adapter.attributes(session)).isEmpty();
  }

  @Test
  void jettyManagedSessionMembersAreFound() {
    ContainerAdapter adapter = ContainerAdapters.of(ManagedSession.class);

    assertThat(adapter.container()).isEqualTo("jetty");
  }

  @Test
  void anotherClassIsRefusedWithTheReason() {
    assertThatThrownBy(() -> ContainerAdapters.of(HashMap.class))
        .isInstanceOf(ContainerAdapters.UnsupportedSessionClass.class)
        .hasMessageContaining("java.util.HashMap")
        .hasMessageContaining("not a Tomcat or Jetty 12 session class");
  }
}
