package io.heapwarden.bootstrap.singletons;

/**
 * What {@link SingletonHooks#enter} returns when the caller must build the instance itself: either
 * a claimed slot (the caller builds the one shared instance for its key and hands it to {@link
 * SingletonHooks#created}) or {@link #UNSHARED} (the caller builds a private instance, as the code
 * did before it was rewritten). Rewritten code tells it apart from a shared instance with {@code
 * instanceof}.
 */
public abstract class Creation {
  /** Build an instance that is not shared: the rule is off, or sharing would deadlock or leak. */
  static final Creation UNSHARED = new Creation() {};

  Creation() {}
}
