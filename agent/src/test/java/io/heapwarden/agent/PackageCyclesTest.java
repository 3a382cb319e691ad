package io.heapwarden.agent;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The agent's packages form no cycle: each of {@code io.heapwarden.agent.X} (with its subpackages)
 * depends on the others in one direction only, and none of them on the top-level package, which
 * wires them together. A failure names every cycle and the dependencies on each of its edges.
 */
class PackageCyclesTest {
  private static final JavaClasses AGENT =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.heapwarden.agent");

  @Test
  void packagesAreFreeOfCycles() {
    slices().matching("io.heapwarden.agent.(*)..").should().beFreeOfCycles().check(AGENT);
  }

  @Test
  void onlyTheTopLevelPackageWiresThePackagesTogether() {
    noClasses()
        .that()
        .resideInAPackage("io.heapwarden.agent.*..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.heapwarden.agent")
        .check(AGENT);
  }
}
