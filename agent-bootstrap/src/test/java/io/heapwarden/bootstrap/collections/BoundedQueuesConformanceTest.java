package io.heapwarden.bootstrap.collections;

import com.google.common.collect.testing.QueueTestSuiteBuilder;
import com.google.common.collect.testing.TestStringQueueGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.Feature;
import io.heapwarden.bootstrap.Rule;
import java.util.Collections;
import java.util.Queue;
import java.util.function.Function;
import java.util.stream.Stream;
import junit.framework.Test;
import junit.framework.TestSuite;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Guava's queue conformance suites against the bounded queues and deques (testlib has no deque
 * suite; the deque-specific paths are pinned in the behaviour tests), with a bound they never
 * reach.
 */
class BoundedQueuesConformanceTest {
  private static final int CAPACITY = (int) TestRules.ROOMY * 2;

  @TestFactory
  Stream<DynamicNode> conformance() {
    return GuavaSuites.dynamicTests(suite());
  }

  private static TestSuite suite() {
    TestSuite suite = new TestSuite("bounded queues");
    suite.addTest(
        // ArrayDeque's iterators detect only some concurrent modifications, like the original's.
        queueSuite("BoundedArrayDeque", BoundedArrayDeque::new));
    suite.addTest(
        queueSuite(
            "BoundedLinkedList as a queue",
            BoundedLinkedList::new,
            CollectionFeature.ALLOWS_NULL_VALUES,
            CollectionFeature.FAILS_FAST_ON_CONCURRENT_MODIFICATION));
    suite.addTest(
        queueSuite(
            "BoundedLinkedBlockingQueue",
            rule -> new BoundedLinkedBlockingQueue<>(rule, Integer.MAX_VALUE)));
    suite.addTest(
        queueSuite(
            "BoundedLinkedBlockingDeque",
            rule -> new BoundedLinkedBlockingDeque<>(rule, Integer.MAX_VALUE)));
    suite.addTest(
        queueSuite(
            "BoundedArrayBlockingQueue", rule -> new BoundedArrayBlockingQueue<>(rule, CAPACITY)));
    suite.addTest(queueSuite("BoundedConcurrentLinkedQueue", BoundedConcurrentLinkedQueue::new));
    suite.addTest(queueSuite("BoundedConcurrentLinkedDeque", BoundedConcurrentLinkedDeque::new));
    return suite;
  }

  private static Test queueSuite(
      String name, Function<Rule, Queue<String>> empty, Feature<?>... extraFeatures) {
    return QueueTestSuiteBuilder.using(
            new TestStringQueueGenerator() {
              @Override
              protected Queue<String> create(String[] elements) {
                Queue<String> queue = empty.apply(TestRules.maxEntries(TestRules.ROOMY));
                Collections.addAll(queue, elements);
                return queue;
              }
            })
        .named(name)
        .withFeatures(
            CollectionFeature.GENERAL_PURPOSE,
            CollectionFeature.KNOWN_ORDER,
            CollectionFeature.SERIALIZABLE,
            CollectionSize.ANY)
        .withFeatures(extraFeatures)
        .createTestSuite();
  }
}
