package io.heapwarden.bootstrap.sessions.servlet;

import io.heapwarden.bootstrap.sessions.EvictionReason;
import io.heapwarden.bootstrap.sessions.SessionSweeper;
import java.util.ConcurrentModificationException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The servlet container's own session map (Tomcat's {@code ManagerBase.sessions}, Jetty's {@code
 * DefaultSessionCache._sessions}), stored in place of the {@code ConcurrentHashMap} the container
 * created. It stays a {@code ConcurrentHashMap}: the container reads and writes it as before. What
 * it adds happens after the container's own operation:
 *
 * <ul>
 *   <li>after a new session is inserted: its max inactive interval is lowered to {@code
 *       idle-timeout} when longer or infinite, and while the map holds more than {@code
 *       max-sessions}, the least recently used session that no request is using is invalidated
 *       through the container ({@link ContainerAdapter#invalidate}), which removes it from this
 *       map. A new session is never refused, and the one just inserted is never the one evicted;
 *       when every other session is in use the map stays above the bound until the next insertion.
 *   <li>when the container looks a session up for a request ({@code get}, {@code computeIfAbsent}):
 *       its collection-valued attributes are trimmed to {@code window} entries, on that request's
 *       thread.
 *   <li>{@link #sweep}, from the agent's sweeper: sessions unused for longer than {@code
 *       idle-timeout} are invalidated, max inactive intervals raised since are lowered again, and
 *       the cap is enforced again.
 * </ul>
 *
 * <p>One thread at a time evicts (others skip, so their insertions are evicted by it); the
 * invalidations run outside any lock of this map. Any failure of the agent's own logic disables the
 * rule; the container's call always completes as it would have.
 */
public final class ServletSessionMap extends ConcurrentHashMap<Object, Object>
    implements SessionSweeper.Sweepable {
  private static final long serialVersionUID = 1L;

  private final transient ServletRule rule;
  private final transient AdapterLookup adapters;
  private final transient LongSupplier clock;

  /** The thread evicting now; also tells a lookup made by that eviction not to trim. */
  private final transient AtomicReference<Thread> evictor = new AtomicReference<>();

  private final transient LruCandidates candidates = new LruCandidates();

  ServletSessionMap(
      ServletRule rule, AdapterLookup adapters, LongSupplier clock, Map<?, ?> contents) {
    super(Math.max(16, contents.size()));
    this.rule = rule;
    this.adapters = adapters;
    this.clock = clock;
    for (Map.Entry<?, ?> entry : contents.entrySet()) {
      super.put(entry.getKey(), entry.getValue());
    }
  }

  @Override
  public Object put(Object key, Object value) {
    Object previous = super.put(key, value);
    if (previous == null) {
      inserted(value);
    }
    return previous;
  }

  @Override
  public Object putIfAbsent(Object key, Object value) {
    Object previous = super.putIfAbsent(key, value);
    if (previous == null) {
      inserted(value);
    }
    return previous;
  }

  /** Tomcat's {@code findSession}; also serves {@code containsKey} and {@code getOrDefault}. */
  @Override
  public @Nullable Object get(Object key) {
    Object session = super.get(key);
    if (session != null) {
      accessed(session);
    }
    return session;
  }

  /** Jetty's lookup of a session for a request ({@code AbstractSessionCache.getAndEnter}). */
  @Override
  public Object computeIfAbsent(Object key, Function<? super Object, ?> load) {
    int before = size();
    Object session = super.computeIfAbsent(key, load);
    if (session != null) {
      accessed(session);
      if (size() > before) {
        inserted(session); // loaded from a session store
      }
    }
    return session;
  }

  private void inserted(Object session) {
    if (!rule.enabled()) {
      return;
    }
    try {
      long idle = rule.idleTimeoutMillis();
      if (idle > 0) {
        adapters.of(session.getClass()).capInactiveInterval(session, seconds(idle));
      }
      enforceCapacity(session);
    } catch (Throwable failure) {
      rule.fail(failure);
    }
  }

  private void accessed(Object session) {
    long window = rule.window();
    if (window < 0 || !rule.enabled() || evictor.get() == Thread.currentThread()) {
      return;
    }
    try {
      for (Object value : adapters.of(session.getClass()).attributes(session).values()) {
        trim(value, (int) Math.min(Integer.MAX_VALUE, window));
      }
    } catch (Throwable failure) {
      rule.fail(failure);
    }
  }

  /**
   * Trims one attribute value with the session core's windows (lists and deques keep their tail,
   * maps their last entries in iteration order). A value the application made immutable, or that
   * another request changes meanwhile, is left for the next access.
   */
  private static void trim(Object value, int window) {
    try {
      ServletSessions.ADAPTER.window(value, window);
    } catch (UnsupportedOperationException | ConcurrentModificationException racingOrImmutable) {
      // left as it is until the next lookup
    }
  }

  /**
   * Evicts least recently used idle sessions, other than {@code protect}, down to the bound. Only
   * one thread evicts at a time; a thread that finds the turn taken leaves its insertion to the
   * holder, which checks the size again after it lets go of the turn.
   */
  private void enforceCapacity(@Nullable Object protect) throws Throwable {
    Thread me = Thread.currentThread();
    while (true) {
      long max = rule.maxSessions();
      if (max < 0 || size() <= max || !evictor.compareAndSet(null, me)) {
        return;
      }
      boolean reached;
      try {
        reached = evictDownTo(max, protect);
      } finally {
        evictor.set(null);
      }
      if (!reached) {
        return; // every other session is in use: try again at the next insertion
      }
    }
  }

  /**
   * Whether the map is within {@code max} when it returns. Refills the candidates as long as the
   * previous batch evicted something; a batch that evicted nothing means the rest are in use.
   */
  private boolean evictDownTo(long max, @Nullable Object protect) throws Throwable {
    boolean evictedSinceRefill = true;
    while (size() > max) {
      LruCandidates.Candidate next = candidates.poll();
      if (next == null) {
        if (!evictedSinceRefill || candidates.refill(this, protect, batch(max), adapters) == 0) {
          return false;
        }
        evictedSinceRefill = false;
      } else if (next.session != protect && evictIfUnchanged(next)) {
        evictedSinceRefill = true;
      }
    }
    return true;
  }

  /** Invalidates the candidate unless it was used, removed or taken by a request since. */
  private boolean evictIfUnchanged(LruCandidates.Candidate candidate) throws Throwable {
    Object session = candidate.session;
    ContainerAdapter adapter = candidate.adapter;
    if (super.get(candidate.key) != session
        || adapter.lastAccess(session) != candidate.lastAccess
        || adapter.inUse(session)) {
      return false;
    }
    long created = adapter.created(session);
    long size = size();
    if (!adapter.invalidate(session)) {
      return false;
    }
    long now = clock.getAsLong();
    rule.evicted(EvictionReason.CAPACITY, size, now - created, now - candidate.lastAccess);
    return true;
  }

  /**
   * The session sweeper's pass, once a second: invalidates sessions unused for longer than {@code
   * idle-timeout} and lowers the max inactive interval of those whose application raised it; then
   * evicts down to the cap in force (insertions made meanwhile left their evictions to it, and a
   * memory emergency lowers the cap without any insertion). Called by the agent's sweeper thread:
   * it only calls the containers' thread-safe session methods and never touches attribute values.
   */
  @Override
  public void sweep() {
    if (!rule.enabled()) {
      return;
    }
    long idle = rule.evictIdleAfterMillis();
    if (idle > 0 && evictor.compareAndSet(null, Thread.currentThread())) {
      try {
        candidates.clear(); // the sweep changes what is oldest
        expireIdle(idle, rule.idleTimeoutMillis());
      } catch (Throwable failure) {
        rule.fail(failure);
        return;
      } finally {
        evictor.set(null);
      }
    }
    try {
      enforceCapacity(null);
    } catch (Throwable failure) {
      rule.fail(failure);
    }
  }

  private void expireIdle(long idle, long cap) throws Throwable {
    for (Object session : values()) {
      ContainerAdapter adapter = adapters.of(session.getClass());
      if (adapter.inUse(session)) {
        continue;
      }
      long lastAccess = adapter.lastAccess(session);
      long now = clock.getAsLong();
      if (now - lastAccess >= idle) {
        long created = adapter.created(session);
        if (adapter.invalidate(session)) {
          rule.evicted(EvictionReason.IDLE, size(), now - created, now - lastAccess);
        }
      } else if (cap > 0) {
        adapter.capInactiveInterval(session, seconds(cap));
      }
    }
  }

  private static int batch(long max) {
    return (int) Math.max(32, Math.min(Integer.MAX_VALUE, max / 8));
  }

  /** The container's interval is in whole seconds; round up, and never to 0 (which means never). */
  private static int seconds(long millis) {
    return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (millis + 999) / 1000));
  }
}
