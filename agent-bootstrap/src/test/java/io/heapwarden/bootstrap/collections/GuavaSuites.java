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
 * tester overwrite each other's report; as dynamic tests of one factory every case is counted in
 * the report of the class that builds the suite.
 */
final class GuavaSuites {
  private GuavaSuites() {}

  static Stream<DynamicNode> dynamicTests(TestSuite suite) {
    return Collections.list(suite.tests()).stream().map(GuavaSuites::node);
  }

  private static DynamicNode node(Test test) {
    if (test instanceof TestSuite) {
      TestSuite suite = (TestSuite) test;
      return DynamicContainer.dynamicContainer(suite.getName(), dynamicTests(suite));
    }
    String name = test instanceof TestCase ? ((TestCase) test).getName() : test.toString();
    return DynamicTest.dynamicTest(name, () -> run(test));
  }

  private static void run(Test test) throws Throwable {
    TestResult result = new TestResult();
    test.run(result);
    for (TestFailure failure : Collections.list(result.errors())) {
      throw failure.thrownException();
    }
    for (TestFailure failure : Collections.list(result.failures())) {
      throw failure.thrownException();
    }
  }
}
