package io.heapwarden.bootstrap;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The bootstrap's packages form no cycle: each of {@code io.heapwarden.bootstrap.X} (with its
 * subpackages) depends on the others in one direction only. A failure names every cycle and the
 * dependencies on each of its edges.
 */
class PackageCyclesTest {
  @Test
  void packagesAreFreeOfCycles() {
    JavaClasses bootstrap =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.heapwarden.bootstrap");
    slices().matching("io.heapwarden.bootstrap.(*)..").should().beFreeOfCycles().check(bootstrap);
  }
}
