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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's side: a ruled class's bytes, as the transformer hands them over, checked once. */
class RuleFeedbackTest {
  @TempDir Path dir;

  private final List<RuleProblem> problems = new CopyOnWriteArrayList<>();
  private final List<String> notMatched = new CopyOnWriteArrayList<>();

  private final RuleFeedback.Listener listener =
      new RuleFeedback.Listener() {
        @Override
        public void unresolved(RuleProblem problem) {
          problems.add(problem);
        }

        @Override
        public void notMatched(RuleTarget target, Duration after) {
          notMatched.add(target.rule() + " after " + after.toSeconds() + "s");
        }
      };

  private RuleFeedback feedback(String yaml) {
    return new RuleFeedback(targets(dir, yaml), listener);
  }

  private void load(RuleFeedback feedback, String binaryName) {
    byte[] bytes = classFile(binaryName);
    assertThat(feedback.rewrite(null, internal(binaryName), bytes)).as("never rewrites").isNull();
  }

  @Test
  void aMissingFieldIsOneWarningWithItsPlaceInTheFileAndTheNearestName() {
    RuleFeedback feedback =
        feedback(
            "collections:\n"
                + "  - field: com.example.Other.entries\n"
                + "    max-entries: 10\n"
                + "  - field: "
                + VETS
                + ".vetz\n"
                + "    max-entries: 10\n");

    load(feedback, VETS);
    load(feedback, VETS); // another class loader, or a retransformation: still one report

    assertThat(problems).hasSize(1);
    RuleProblem problem = problems.get(0);
    assertThat(problem.target().rule()).isEqualTo(VETS + ".vetz");
    assertThat(problem.target().location()).isEqualTo("heapwarden.yaml:4:5, collections[1].field");
    assertThat(problem.message()).isEqualTo("class " + VETS + " declares no field 'vetz'");
    assertThat(problem.hint()).isEqualTo("did you mean 'vets'?");
    assertThat(problem.format())
        .isEqualTo(
            "heapwarden.yaml:4:5: collections[1].field: rule "
                + VETS
                + ".vetz: class "
                + VETS
                + " declares no field 'vetz' (hint: did you mean 'vets'?)");
  }

  @Test
  void aNameFarFromAnyFieldListsTheClassFields() {
    RuleFeedback feedback =
        feedback("collections:\n  - field: " + VETS + ".history\n    max-entries: 10\n");

    load(feedback, VETS);

    assertThat(problems)
        .singleElement()
        .extracting(RuleProblem::hint)
        .isEqualTo("its fields are vets, specialties, journal, names");
  }

  @Test
  void aFieldOfATypeTheRuleCannotBoundIsAProblem() {
    RuleFeedback feedback =
        feedback(
            "collections:\n  - field: "
                + VETS
                + ".journal\n    max-entries: 10\n"
                + "sessions:\n  - field: "
                + VETS
                + ".vets\n    max-sessions: 10\n");

    load(feedback, VETS);

    assertThat(problems).hasSize(2);
    assertThat(problems.get(0).message())
        .isEqualTo(
            "field "
                + VETS
                + ".journal is declared as java.lang.StringBuilder, which cannot be bounded:"
                + " only JDK collection types (Map, List, Set, Queue, Deque and their JDK"
                + " implementations) can be bounded, not java.lang.StringBuilder");
    assertThat(problems.get(1).target().key()).isEqualTo("sessions[0].field");
    assertThat(problems.get(1).message())
        .contains("is declared as java.util.List")
        .contains("a session store must be a Map");
  }

  @Test
  void aFieldOfACollectionTypeResolvesAndIsNotReportedAsNotMatched() {
    RuleFeedback feedback =
        feedback("collections:\n  - field: " + VETS + ".specialties\n    max-entries: 10\n");

    load(feedback, VETS);
    feedback.reportNotMatched(Duration.ofSeconds(60));

    assertThat(problems).isEmpty();
    assertThat(notMatched).isEmpty();
  }

  @Test
  void aMethodRuleFindsItsOverloadOrNamesTheNearestMethod() {
    RuleFeedback feedback =
        feedback(
            "singletons:\n"
                + "  - method: "
                + VETS
                + ".find(java.lang.String, int)\n"
                + "  - method: "
                + VETS
                + ".fnd(java.lang.String, int)\n"
                + "  - method: "
                + VETS
                + ".find(java.lang.String)\n");

    load(feedback, VETS);

    assertThat(problems).hasSize(2);
    assertThat(problems.get(0).target().key()).isEqualTo("singletons[1].method");
    assertThat(problems.get(0).hint()).isEqualTo("did you mean 'find'?");
    assertThat(problems.get(1).message())
        .isEqualTo("class " + VETS + " has no method find(java.lang.String)");
    assertThat(problems.get(1).hint()).isEqualTo("its find takes (java.lang.String, int)");
  }

  @Test
  void aSingletonOfAnAbstractClassIsAProblemButCountingItsInstancesIsNot() {
    String specialty = "io.heapwarden.agent.resolve.fixtures.Specialty";
    RuleFeedback feedback =
        feedback(
            "singletons:\n  - class: "
                + specialty
                + "\ninstances:\n  - class: "
                + specialty
                + "\n    max-live: 3\n");

    load(feedback, specialty);

    assertThat(problems)
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.target().key()).isEqualTo("singletons[0].class");
              assertThat(problem.message())
                  .isEqualTo(
                      "class "
                          + specialty
                          + " is an interface or abstract, so nothing constructs it");
            });
  }

  @Test
  void aMissingClassIsReportedOnceAsNotMatchedAndOnlyThat() {
    RuleFeedback feedback =
        feedback(
            "instances:\n  - class: com.example.Vetz\n    max-live: 3\n"
                + "  - class: "
                + VETS
                + "\n    max-live: 3\n");
    load(feedback, VETS);

    feedback.reportNotMatched(Duration.ofSeconds(60));
    feedback.reportNotMatched(Duration.ofSeconds(60));

    assertThat(notMatched).containsExactly("com.example.Vetz after 60s");
    assertThat(problems).isEmpty();
    assertThat(feedback.notMatchedYet())
        .extracting(RuleTarget::rule)
        .containsExactly("com.example.Vetz");
  }

  @Test
  void theRewritersUnboundableFieldIsTheRulesOneProblem() {
    RuleFeedback feedback =
        feedback("collections:\n  - field: " + VETS + ".journal\n    max-entries: 10\n");

    assertThat(feedback.unboundable(VETS + ".journal", "java.lang.StringBuilder", "why")).isTrue();
    load(feedback, VETS); // the class loads after a class writing its field was rewritten

    assertThat(problems)
        .singleElement()
        .satisfies(problem -> assertThat(problem.message()).endsWith("cannot be bounded: why"));
    assertThat(feedback.unboundable("com.example.Unknown.field", "x", "y")).isFalse();
  }
}
