package io.heapwarden.bootstrap.collections;

import com.google.common.collect.testing.ConcurrentMapTestSuiteBuilder;
import com.google.common.collect.testing.MapTestSuiteBuilder;
import com.google.common.collect.testing.SortedMapTestSuiteBuilder;
import com.google.common.collect.testing.TestStringMapGenerator;
import com.google.common.collect.testing.TestStringSortedMapGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.Feature;
import com.google.common.collect.testing.features.MapFeature;
import com.google.common.collect.testing.testers.CollectionAddAllTester;
import com.google.common.collect.testing.testers.CollectionAddTester;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import junit.framework.Test;
import junit.framework.TestSuite;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;

/**
 * Guava's collection conformance suites for every bounded map, with a bound above the suites' sizes
 * so that only the behaviour of the original map is under test.
 */
class BoundedMapConformanceTest {
  private static final long ABOVE_SUITE_SIZES = 1000;

  @TestFactory
  Stream<DynamicNode> conformance() {
    return GuavaSuites.dynamicTests(suite());
  }

  private static TestSuite suite() {
    TestSuite suite = new TestSuite("bounded maps");
    suite.addTest(
        mapSuite(
            "BoundedHashMap, lru",
            () -> new BoundedHashMap<>(TestRules.maxEntries(ABOVE_SUITE_SIZES))));
    for (boolean lru : new boolean[] {false, true}) {
      String mode = lru ? "lru" : "fifo";
      suite.addTest(
          mapSuite(
              "BoundedLinkedHashMap as LinkedHashMap, " + mode,
              () -> new BoundedLinkedHashMap<>(TestRules.maxEntries(ABOVE_SUITE_SIZES), lru),
              CollectionFeature.KNOWN_ORDER));
      suite.addTest(
          mapSuite(
              "BoundedLinkedHashMap as HashMap, " + mode,
              () -> new BoundedLinkedHashMap<>(TestRules.maxEntries(ABOVE_SUITE_SIZES), lru)));
      suite.addTest(
          ConcurrentMapTestSuiteBuilder.using(
                  generator(
                      () ->
                          new BoundedConcurrentHashMap<>(
                              TestRules.maxEntries(ABOVE_SUITE_SIZES), lru)))
              .named("BoundedConcurrentHashMap, " + mode)
              .withFeatures(
                  MapFeature.GENERAL_PURPOSE,
                  CollectionFeature.SUPPORTS_ITERATOR_REMOVE,
                  CollectionFeature.SERIALIZABLE,
                  CollectionSize.ANY)
              .suppressing(entrySetAddIsSupported())
              .createTestSuite());
      suite.addTest(
          sortedMapSuite(
              "BoundedTreeMap, natural order, " + mode,
              () ->
                  new BoundedTreeMap<String, String>(
                      null, TestRules.maxEntries(ABOVE_SUITE_SIZES), lru)));
      suite.addTest(
          sortedMapSuite(
              "BoundedTreeMap, with a comparator, " + mode,
              () ->
                  new BoundedTreeMap<String, String>(
                      String.CASE_INSENSITIVE_ORDER, TestRules.maxEntries(ABOVE_SUITE_SIZES), lru),
              MapFeature.ALLOWS_NULL_VALUES));
    }
    return suite;
  }

  private static Test mapSuite(
      String name, Supplier<Map<String, String>> empty, Feature<?>... extraFeatures) {
    List<Feature<?>> features =
        new ArrayList<>(
            Arrays.asList(
                MapFeature.GENERAL_PURPOSE,
                MapFeature.ALLOWS_NULL_KEYS,
                MapFeature.ALLOWS_NULL_VALUES,
                MapFeature.ALLOWS_ANY_NULL_QUERIES,
                MapFeature.FAILS_FAST_ON_CONCURRENT_MODIFICATION,
                CollectionFeature.SUPPORTS_ITERATOR_REMOVE,
                CollectionFeature.SERIALIZABLE,
                CollectionSize.ANY));
    features.addAll(Arrays.asList(extraFeatures));
    return MapTestSuiteBuilder.using(generator(empty))
        .named(name)
        .withFeatures(features)
        .createTestSuite();
  }

  /**
   * {@code ConcurrentHashMap.entrySet()} supports {@code add}, which Guava's derived entry-set
   * suite takes as unsupported: a plain {@code ConcurrentHashMap} fails these three tests too.
   */
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

  private static Test sortedMapSuite(
      String name, Supplier<SortedMap<String, String>> empty, Feature<?>... extraFeatures) {
    List<Feature<?>> features =
        new ArrayList<>(
            Arrays.asList(
                MapFeature.GENERAL_PURPOSE,
                MapFeature.ALLOWS_NULL_VALUES,
                MapFeature.FAILS_FAST_ON_CONCURRENT_MODIFICATION,
                CollectionFeature.SUPPORTS_ITERATOR_REMOVE,
                CollectionFeature.KNOWN_ORDER,
                CollectionFeature.SERIALIZABLE,
                CollectionSize.ANY));
    features.addAll(Arrays.asList(extraFeatures));
    return SortedMapTestSuiteBuilder.using(
            new TestStringSortedMapGenerator() {
              @Override
              protected SortedMap<String, String> create(Map.Entry<String, String>[] entries) {
                SortedMap<String, String> map = empty.get();
                for (Map.Entry<String, String> entry : entries) {
                  map.put(entry.getKey(), entry.getValue());
                }
                return map;
              }
            })
        .named(name)
        .withFeatures(features)
        .createTestSuite();
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
