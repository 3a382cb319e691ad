package io.heapwarden.bootstrap.collections;

import com.google.common.collect.testing.ListTestSuiteBuilder;
import com.google.common.collect.testing.TestStringListGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.ListFeature;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import junit.framework.Test;
import junit.framework.TestSuite;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** Guava's list conformance suites against the bounded lists, with a bound they never reach. */
class BoundedListsConformanceTest {

  @TestFactory
  Stream<DynamicNode> conformance() {
    return GuavaSuites.dynamicTests(suite());
  }

  private static TestSuite suite() {
    TestSuite suite = new TestSuite("bounded lists");
    suite.addTest(
        listSuite(
            "BoundedArrayList",
            () -> new BoundedArrayList<>(TestRules.maxEntries(TestRules.ROOMY), 10)));
    suite.addTest(
        listSuite(
            "BoundedLinkedList",
            () -> new BoundedLinkedList<>(TestRules.maxEntries(TestRules.ROOMY))));
    suite.addTest(
        ListTestSuiteBuilder.using(
                new TestStringListGenerator() {
                  @Override
                  protected List<String> create(String[] elements) {
                    List<String> original =
                        Collections.synchronizedList(new java.util.ArrayList<>());
                    original.addAll(Arrays.asList(elements));
                    @SuppressWarnings("unchecked")
                    List<String> copy =
                        (List<String>)
                            BoundedSequences.copyOf(
                                original, TestRules.maxEntries(TestRules.ROOMY), false);
                    return copy;
                  }
                })
            .named("synchronized BoundedArrayList")
            .withFeatures(
                ListFeature.GENERAL_PURPOSE,
                CollectionFeature.ALLOWS_NULL_VALUES,
                CollectionFeature.SERIALIZABLE,
                CollectionSize.ANY)
            .createTestSuite());
    return suite;
  }

  private static Test listSuite(String name, Supplier<List<String>> empty) {
    return ListTestSuiteBuilder.using(
            new TestStringListGenerator() {
              @Override
              protected List<String> create(String[] elements) {
                List<String> list = empty.get();
                Collections.addAll(list, elements);
                return list;
              }
            })
        .named(name)
        .withFeatures(
            ListFeature.GENERAL_PURPOSE,
            CollectionFeature.ALLOWS_NULL_VALUES,
            CollectionFeature.SERIALIZABLE,
            CollectionFeature.FAILS_FAST_ON_CONCURRENT_MODIFICATION,
            CollectionSize.ANY)
        .createTestSuite();
  }
}
