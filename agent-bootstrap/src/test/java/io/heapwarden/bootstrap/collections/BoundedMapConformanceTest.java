package io.heapwarden.bootstrap.collections;

import com.google.common.collect.testing.MapTestSuiteBuilder;
import com.google.common.collect.testing.TestStringMapGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.Feature;
import com.google.common.collect.testing.features.MapFeature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import junit.framework.Test;
import junit.framework.TestSuite;
import org.junit.runner.RunWith;
import org.junit.runners.AllTests;

/**
 * Guava's collection conformance suites for every bounded map, with a bound above the suites' sizes
 * so that only the behaviour of the original map is under test.
 */
@RunWith(AllTests.class)
public final class BoundedMapConformanceTest {
  private static final long ABOVE_SUITE_SIZES = 1000;

  private BoundedMapConformanceTest() {}

  public static Test suite() {
    TestSuite suite = new TestSuite("bounded maps");
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
    return MapTestSuiteBuilder.using(
            new TestStringMapGenerator() {
              @Override
              protected Map<String, String> create(Map.Entry<String, String>[] entries) {
                Map<String, String> map = empty.get();
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
}
