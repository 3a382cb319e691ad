package io.heapwarden.agent.resolve;

import static io.heapwarden.agent.resolve.FeedbackFixtures.VETS;
import static io.heapwarden.agent.resolve.FeedbackFixtures.classFile;
import static io.heapwarden.agent.resolve.FeedbackFixtures.internal;
import static io.heapwarden.agent.resolve.FeedbackFixtures.targets;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The not-matched report, its time driven by hand. */
class NotMatchedReportTest {
  @TempDir Path dir;

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final List<String> reported = new CopyOnWriteArrayList<>();

  private RuleFeedback feedback() {
    return new RuleFeedback(
        targets(
            dir,
            "collections:\n"
                + "  - field: com.example.Vetz.vets\n"
                + "    max-entries: 10\n"
                + "  - field: "
                + VETS
                + ".vets\n"
                + "    max-entries: 10\n"
                + "sessions:\n"
                + "  - preset: langchain4j\n"),
        new RuleFeedback.Listener() {
          @Override
          public void unresolved(RuleProblem problem) {
            reported.add("unresolved " + problem.target().rule());
          }

          @Override
          public void notMatched(RuleTarget target, Duration after) {
            reported.add(target.rule() + " (" + target.location() + ") after " + after);
          }
        });
  }

  @Test
  void reportsOnceTheRulesWhoseClassHasNotLoadedWhenTheTimeIsUp() {
    RuleFeedback feedback = feedback();
    NotMatchedReport report =
        new NotMatchedReport(feedback, Duration.ofSeconds(60), now::get, now.get());
    assertThat(report.dueIn()).isEqualTo(Duration.ofSeconds(60));

    feedback.rewrite(null, internal(VETS), classFile(VETS));
    now.addAndGet(Duration.ofSeconds(59).toNanos());
    assertThat(report.dueIn()).isEqualTo(Duration.ofSeconds(1));
    report.run();
    assertThat(reported).as("not yet").isEmpty();

    now.addAndGet(Duration.ofSeconds(1).toNanos());
    report.run();
    report.run();

    // the preset's rules name library classes a service may well not use: not reported
    assertThat(reported)
        .containsExactly(
            "com.example.Vetz.vets (heapwarden.yaml:2:5, collections[0].field) after PT1M");
    assertThat(report.dueIn()).isEqualTo(Duration.ZERO);
  }

  @Test
  void aFailureInTheReportDoesNotEscapeToTheTelemetryThread() {
    NotMatchedReport report =
        new NotMatchedReport(
            feedback(),
            Duration.ofSeconds(1),
            () -> {
              throw new IllegalStateException("clock broke");
            },
            0);

    report.run(); // reported through AgentThreads, not thrown
  }
}
