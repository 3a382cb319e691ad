package io.heapwarden.bootstrap.collections;

import com.google.common.collect.testing.SetTestSuiteBuilder;
import com.google.common.collect.testing.TestStringSetGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.SetFeature;
import java.util.Collections;
import java.util.Set;
import java.util.stream.Stream;
import junit.framework.Test;
import junit.framework.TestSuite;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/** Guava's set conformance suites against the bounded set, FIFO and LRU, with a roomy bound. */
class BoundedSetsConformanceTest {

  @TestFactory
  Stream<DynamicNode> conformance() {
    return GuavaSuites.dynamicTests(suite());
  }

  private static TestSuite suite() {
    TestSuite suite = new TestSuite("bounded sets");
    for (boolean lru : new boolean[] {false, true}) {
      for (boolean replacesHashSet : new boolean[] {false, true}) {
        suite.addTest(setSuite(lru, replacesHashSet));
      }
      suite.addTest(keySetSuite(lru));
    }
    return suite;
  }

  /** The replacement of a {@code ConcurrentHashMap.newKeySet()}: the features of a KeySetView. */
  private static Test keySetSuite(boolean lru) {
    return SetTestSuiteBuilder.using(
            new TestStringSetGenerator() {
              @Override
              protected Set<String> create(String[] elements) {
                Set<String> set =
                    new BoundedConcurrentKeySet<>(TestRules.maxEntries(TestRules.ROOMY), lru);
                Collections.addAll(set, elements);
                return set;
              }
            })
        .named("BoundedConcurrentKeySet " + (lru ? "lru" : "fifo"))
        .withFeatures(
            SetFeature.GENERAL_PURPOSE,
            CollectionFeature.SERIALIZABLE,
            CollectionFeature.SUPPORTS_ITERATOR_REMOVE,
            CollectionSize.ANY)
        .createTestSuite();
  }

  private static Test setSuite(boolean lru, boolean replacesHashSet) {
    SetTestSuiteBuilder<String> builder =
        SetTestSuiteBuilder.using(
                new TestStringSetGenerator() {
                  @Override
                  protected Set<String> create(String[] elements) {
                    Set<String> set =
                        new BoundedLinkedHashSet<>(
                            TestRules.maxEntries(TestRules.ROOMY), lru, replacesHashSet);
                    Collections.addAll(set, elements);
                    return set;
                  }
                })
            .named(
                "BoundedLinkedHashSet "
                    + (lru ? "lru" : "fifo")
                    + (replacesHashSet ? " for a HashSet" : " for a LinkedHashSet"))
            .withFeatures(
                SetFeature.GENERAL_PURPOSE,
                CollectionFeature.ALLOWS_NULL_VALUES,
                CollectionFeature.SERIALIZABLE,
                CollectionFeature.FAILS_FAST_ON_CONCURRENT_MODIFICATION,
                CollectionSize.ANY);
    if (!replacesHashSet) {
      // A replaced HashSet iterates in insertion order too, but its serial form does not.
      builder.withFeatures(CollectionFeature.KNOWN_ORDER);
    }
    return builder.createTestSuite();
  }
}
