package io.heapwarden.agent.discover;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which declared field types discovery tracks, from the descriptor alone: a JDK type that is a
 * {@link Collection} or a {@link Map} (looked up in the boot loader, which already has most of
 * them), or a class of the discovered packages themselves, which may extend one (the hook then
 * checks the stored value). Other libraries' types are not tracked.
 */
final class CollectionFieldTypes {
  private final List<String> packagePrefixes; // internal names: com/example/
  private final Map<String, Boolean> jdkTypes = new ConcurrentHashMap<>();

  CollectionFieldTypes(List<String> packagePrefixes) {
    this.packagePrefixes = List.copyOf(packagePrefixes);
  }

  /** Whether {@code internalName} (com/example/Cache) is in one of the packages. */
  boolean inPackages(String internalName) {
    for (String prefix : packagePrefixes) {
      if (internalName.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a field of this descriptor may hold a collection or map worth tracking. */
  boolean tracked(String descriptor) {
    if (descriptor.length() < 3 || descriptor.charAt(0) != 'L') {
      return false; // primitives and arrays
    }
    String internalName = descriptor.substring(1, descriptor.length() - 1);
    if (internalName.startsWith("java/")) {
      return jdkTypes.computeIfAbsent(internalName, CollectionFieldTypes::isJdkCollection);
    }
    return inPackages(internalName);
  }

  private static boolean isJdkCollection(String internalName) {
    try {
      Class<?> type = Class.forName(internalName.replace('/', '.'), false, null);
      return Collection.class.isAssignableFrom(type) || Map.class.isAssignableFrom(type);
    } catch (Throwable notThere) {
      return false;
    }
  }
}
