package io.heapwarden.bootstrap.collections;

import java.util.Collections;
import java.util.stream.Stream;
import junit.framework.Test;
import junit.framework.TestCase;
import junit.framework.TestFailure;
import junit.framework.TestResult;
import junit.framework.TestSuite;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs Guava's JUnit 3 conformance suites as JUnit 5 dynamic tests. Through the vintage engine,
 * surefire files each Guava tester class's results under that class's name, so suites sharing a
 * tester overwrite each other's report, and prints two lines per tester class (some 13,000 for the
 * map suites); as dynamic tests of one factory every case is counted in the report of the class
 * that builds the suite, and the console has one line for it.
 *
 * <p>Surefire names a dynamic test by its position ({@code conformance()[1][3][2]}), so a failure
 * is rethrown wrapped, with the suites' and the Guava test's names in its message and the original
 * failure, stack included, as its cause.
 */
public final class GuavaSuites {
  private GuavaSuites() {}

  public static Stream<DynamicNode> dynamicTests(TestSuite suite) {
    return nodes(suite, suite.getName());
  }

  private static Stream<DynamicNode> nodes(TestSuite suite, String path) {
    return Collections.list(suite.tests()).stream().map(test -> node(test, path));
  }

  private static DynamicNode node(Test test, String path) {
    if (test instanceof TestSuite) {
      TestSuite suite = (TestSuite) test;
      return DynamicContainer.dynamicContainer(
          suite.getName(), nodes(suite, path + " > " + suite.getName()));
    }
    String name = test instanceof TestCase ? ((TestCase) test).getName() : test.toString();
    return DynamicTest.dynamicTest(name, () -> run(test, path + " > " + test));
  }

  private static void run(Test test, String path) throws Throwable {
    TestResult result = new TestResult();
    test.run(result);
    for (TestFailure failure : Collections.list(result.errors())) {
      throw named(path, failure.thrownException());
    }
    for (TestFailure failure : Collections.list(result.failures())) {
      throw named(path, failure.thrownException());
    }
  }

  /** A failure (an {@link AssertionError}) stays a failure, an error stays an error. */
  private static Throwable named(String path, Throwable thrown) {
    String message = path + ": " + thrown;
    return thrown instanceof AssertionError
        ? new AssertionError(message, thrown)
        : new Exception(message, thrown);
  }
}
