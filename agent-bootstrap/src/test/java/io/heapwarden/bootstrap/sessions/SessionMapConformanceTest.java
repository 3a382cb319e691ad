package io.heapwarden.bootstrap.sessions;

import com.google.common.collect.testing.ConcurrentMapTestSuiteBuilder;
import com.google.common.collect.testing.MapTestSuiteBuilder;
import com.google.common.collect.testing.TestStringMapGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.MapFeature;
import com.google.common.collect.testing.testers.CollectionAddAllTester;
import com.google.common.collect.testing.testers.CollectionAddTester;
import io.heapwarden.bootstrap.collections.GuavaSuites;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import junit.framework.TestSuite;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Guava's map conformance suites for both session maps, with limits above the suites' sizes and
 * times, so that only the behaviour of the original map is under test.
 */
class SessionMapConformanceTest {
  @TestFactory
  Stream<DynamicNode> conformance() {
    return GuavaSuites.dynamicTests(suite());
  }

  private static TestSuite suite() {
    TestSuite suite = new TestSuite("session maps");
    suite.addTest(
        ConcurrentMapTestSuiteBuilder.using(generator(() -> copy(new ConcurrentHashMap<>())))
            .named("ConcurrentSessionMap")
            .withFeatures(
                MapFeature.GENERAL_PURPOSE,
                CollectionFeature.SUPPORTS_ITERATOR_REMOVE,
                CollectionFeature.SERIALIZABLE,
                CollectionSize.ANY)
            .suppressing(entrySetAddIsSupported())
            .createTestSuite());
    suite.addTest(
        MapTestSuiteBuilder.using(generator(() -> copy(new HashMap<>())))
            .named("LinkedSessionMap for a HashMap")
            .withFeatures(
                MapFeature.GENERAL_PURPOSE,
                MapFeature.ALLOWS_NULL_KEYS,
                MapFeature.ALLOWS_NULL_VALUES,
                MapFeature.ALLOWS_ANY_NULL_QUERIES,
                MapFeature.FAILS_FAST_ON_CONCURRENT_MODIFICATION,
                CollectionFeature.SUPPORTS_ITERATOR_REMOVE,
                CollectionFeature.SERIALIZABLE,
                CollectionFeature.KNOWN_ORDER,
                CollectionSize.ANY)
            .createTestSuite());
    return suite;
  }

  private static Map<String, String> copy(Map<String, String> original) {
    @SuppressWarnings("unchecked") // a session map of what it was given
    Map<String, String> map =
        (Map<String, String>)
            SessionMaps.copyOf(
                original, SessionTestRules.rule(1000, 3600, 1000), SessionClock.SYSTEM);
    return map;
  }

  /** As for {@code BoundedConcurrentHashMap}: a plain {@code ConcurrentHashMap} fails these too. */
  private static List<Method> entrySetAddIsSupported() {
    try {
      return List.of(
          CollectionAddTester.class.getMethod("testAdd_unsupportedNotPresent"),
          CollectionAddAllTester.class.getMethod("testAddAll_unsupportedNonePresent"),
          CollectionAddAllTester.class.getMethod("testAddAll_unsupportedSomePresent"));
    } catch (NoSuchMethodException e) {
      throw new AssertionError(e);
    }
  }

  private static TestStringMapGenerator generator(Supplier<Map<String, String>> empty) {
    return new TestStringMapGenerator() {
      @Override
      protected Map<String, String> create(Map.Entry<String, String>[] entries) {
        Map<String, String> map = empty.get();
        for (Map.Entry<String, String> entry : entries) {
          map.put(entry.getKey(), entry.getValue());
        }
        return map;
      }
    };
  }
}
