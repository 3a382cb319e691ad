package io.heapwarden.agent.config;

import static io.heapwarden.agent.config.ConfigFiles.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.agent.rules.Kinds;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code admin:} and {@code telemetry.prometheus:}: off by default, the loopback unless bound
 * elsewhere, and a token that no problem, print or reload report shows.
 */
class AdminConfigTest {
  private static final String TOKEN = "s3cret-t0ken-0123456789";

  @TempDir Path dir;
  ConfigFiles files;

  @BeforeEach
  void setUp() {
    files = new ConfigFiles(dir);
  }

  @Test
  void withoutTheSectionsBothPortsAreOff() {
    AgentConfig config = files.valid(yaml("strict: false"));

    assertThat(config.admin()).isEqualTo(AdminSettings.OFF);
    assertThat(config.prometheus()).isEqualTo(PrometheusSettings.OFF);
    assertThat(AgentConfig.defaults().admin().enabled()).isFalse();
    assertThat(AgentConfig.defaults().prometheus().enabled()).isFalse();
  }

  @Test
  void aPortAloneListensOnTheLoopbackWithTheDefaults() {
    AgentConfig config =
        files.valid(yaml("admin:", "  port: 0", "telemetry:", "  prometheus:", "    port: 9464"));

    assertThat(config.admin())
        .isEqualTo(new AdminSettings(true, 0, "127.0.0.1", null, Duration.ofSeconds(10)));
    assertThat(config.prometheus()).isEqualTo(new PrometheusSettings(true, 9464, "127.0.0.1"));
  }

  @Test
  void everyKeySet() {
    AdminSettings admin =
        files
            .valid(
                yaml(
                    "admin:",
                    "  port: 9095",
                    "  bind: 0.0.0.0",
                    "  token: " + TOKEN,
                    "  cleanup-interval: 1m"))
            .admin();

    assertThat(admin)
        .isEqualTo(new AdminSettings(true, 9095, "0.0.0.0", TOKEN, Duration.ofMinutes(1)));
    assertThat(admin.toString()).doesNotContain(TOKEN).contains("token=(hidden)");
  }

  @Test
  void theTokenFromTheEnvironmentTurnsNothingOnByItself() {
    ConfigRequest request =
        ConfigRequest.locate(
            Kinds.schema(),
            "config=" + files.write(yaml("admin:", "  port: 9095")),
            Map.of(),
            Map.of("HEAPWARDEN_ADMIN_TOKEN", TOKEN));
    AgentConfig config = ((ConfigResult.Valid) ConfigLoader.load(request)).config();
    assertThat(config.admin().token()).isEqualTo(TOKEN);

    ConfigRequest noPort =
        ConfigRequest.locate(
            Kinds.schema(),
            "config=" + files.write(yaml("strict: false")),
            Map.of(),
            Map.of("HEAPWARDEN_ADMIN_TOKEN", TOKEN));
    assertThat(((ConfigResult.Valid) ConfigLoader.load(noPort)).config().admin().enabled())
        .isFalse();
  }

  @Test
  void aPortOutOfRange() {
    assertThat(files.problems(yaml("admin:", "  port: 70000")))
        .containsExactly(
            "heapwarden.yaml:2:9: admin.port: must be a port number from 0 to 65535, got 70000"
                + " (hint: e.g. port: 9095, or 0 for any free port (the log names it))");
  }

  @Test
  void aSectionWithoutItsPort() {
    assertThat(files.problems(yaml("admin:", "  bind: 127.0.0.1")))
        .containsExactly(
            "heapwarden.yaml:1:1: admin: missing required key 'port' (hint: e.g. port: 9095)");
  }

  @Test
  void aHostNameIsNotAnAddress() {
    assertThat(files.problems(yaml("admin:", "  port: 1", "  bind: example.com")))
        .containsExactly(
            "heapwarden.yaml:3:9: admin.bind: must be an IP address, got 'example.com' (hint: e.g."
                + " bind: 0.0.0.0 (all interfaces) or 127.0.0.1; host names are not resolved)");
    assertThat(files.valid(yaml("admin:", "  port: 1", "  bind: '::1'")).admin().bind())
        .isEqualTo("::1");
  }

  @Test
  void aShortTokenIsRefusedWithoutShowingIt() {
    List<String> problems = files.problems(yaml("admin:", "  port: 1", "  token: hunter2"));

    assertThat(problems)
        .containsExactly(
            "heapwarden.yaml:3:10: admin.token: must be at least 16 printable ASCII characters"
                + " without spaces (the value is not shown) (hint: e.g. the output of: openssl rand"
                + " -hex 24)");
    assertThat(String.join("\n", problems)).doesNotContain("hunter2");
  }

  @Test
  void theTokenPrintsHiddenAndAReloadReportsItsChangeWithoutIt() {
    AgentConfig before = files.valid(yaml("admin:", "  port: 1", "  token: " + TOKEN));
    AgentConfig after = files.valid(yaml("admin:", "  port: 1", "  token: " + TOKEN + "x"));

    assertThat(ConfigPrinter.toYaml(Kinds.schema(), before))
        .contains("token: (hidden)")
        .doesNotContain(TOKEN);
    SettingChanges.Changes changes = SettingChanges.between(Kinds.schema(), before, after);
    assertThat(changes.applied()).isEmpty();
    assertThat(changes.needRestart()).containsExactly("admin.token (hidden) -> (hidden)");
  }

  @Test
  void sharingTheAdminPortNeedsItsBindAddress() {
    assertThat(
            files.problems(
                yaml(
                    "telemetry:",
                    "  prometheus: {port: 9095, bind: 0.0.0.0}",
                    "admin:",
                    "  port: 9095")))
        .containsExactly(
            "heapwarden.yaml:2:34: telemetry.prometheus.bind: must be admin.bind (127.0.0.1) when"
                + " the port is the admin port, got 0.0.0.0 (hint: use the same bind address for"
                + " both, or another port for /metrics)");
  }
}
