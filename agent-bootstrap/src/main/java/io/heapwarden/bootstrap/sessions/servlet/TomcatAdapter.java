package io.heapwarden.bootstrap.sessions.servlet;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * Tomcat's {@code org.apache.catalina.session.StandardSession} (and its subclasses). Eviction is
 * {@code expire()}: Tomcat's own path, which fires the session listeners, unbinds the attributes,
 * removes the session from its manager ({@code ManagerBase.remove}) and counts it as expired.
 */
final class TomcatAdapter extends ContainerAdapter {
  static final String STANDARD_SESSION = "org.apache.catalina.session.StandardSession";

  private final MethodHandle thisAccessedTime; // (Object)long, set when a request starts
  private final MethodHandle lastAccessedTime; // (Object)long, set when a request ends
  private final @Nullable MethodHandle
      accessCount; // (Object)Object, an AtomicInteger or null; may be absent
  private final @Nullable MethodHandle lastAccessAtStart; // (Object)boolean; may be absent
  private final MethodHandle creationTime;
  private final MethodHandle validInternal; // no side effects, unlike isValid()
  private final MethodHandle getMaxInactiveInterval;
  private final MethodHandle setMaxInactiveInterval;
  private final MethodHandle attributes;
  private final MethodHandle expire;

  private TomcatAdapter(Class<?> standardSession) throws ReflectiveOperationException {
    MethodHandles.Lookup lookup =
        MethodHandles.privateLookupIn(standardSession, MethodHandles.lookup());
    thisAccessedTime = method(lookup, standardSession, "getThisAccessedTimeInternal", long.class);
    lastAccessedTime = field(lookup, standardSession, "lastAccessedTime", long.class);
    accessCount = optionalField(lookup, standardSession, "accessCount", Object.class);
    lastAccessAtStart = optionalField(lookup, standardSession, "lastAccessAtStart", boolean.class);
    creationTime = method(lookup, standardSession, "getCreationTimeInternal", long.class);
    validInternal = method(lookup, standardSession, "isValidInternal", boolean.class);
    getMaxInactiveInterval = method(lookup, standardSession, "getMaxInactiveInterval", int.class);
    setMaxInactiveInterval =
        lookup
            .findVirtual(
                standardSession,
                "setMaxInactiveInterval",
                MethodType.methodType(void.class, int.class))
            .asType(MethodType.methodType(void.class, Object.class, int.class));
    attributes = field(lookup, standardSession, "attributes", Map.class);
    expire = method(lookup, standardSession, "expire", void.class);
  }

  /** The adapter for a class that is or extends {@code StandardSession}, or null. */
  static @Nullable TomcatAdapter forClass(Class<?> sessionClass)
      throws ReflectiveOperationException {
    Class<?> standardSession = ContainerAdapters.superclassNamed(sessionClass, STANDARD_SESSION);
    return standardSession == null ? null : new TomcatAdapter(standardSession);
  }

  @Override
  String container() {
    return "tomcat";
  }

  @Override
  long lastAccess(Object session) throws Throwable {
    return (long) thisAccessedTime.invokeExact(session);
  }

  @Override
  long created(Object session) throws Throwable {
    return (long) creationTime.invokeExact(session);
  }

  /**
   * With Tomcat's activity check on, its own request count; otherwise a request is under way when
   * its start ({@code thisAccessedTime}) is later than the end of the previous one ({@code
   * lastAccessedTime}). With {@code lastAccessAtStart} and no activity check, Tomcat keeps nothing
   * that tells, and only the LRU order protects a session in use.
   */
  @Override
  boolean inUse(Object session) throws Throwable {
    if (accessCount != null) {
      Object count = (Object) accessCount.invokeExact(session);
      if (count instanceof AtomicInteger) {
        return ((AtomicInteger) count).get() > 0;
      }
    }
    if (lastAccessAtStart != null && (boolean) lastAccessAtStart.invokeExact(session)) {
      return false;
    }
    long started = (long) thisAccessedTime.invokeExact(session);
    return started > (long) lastAccessedTime.invokeExact(session);
  }

  @Override
  boolean capInactiveInterval(Object session, int seconds) throws Throwable {
    int current = (int) getMaxInactiveInterval.invokeExact(session);
    if (current > 0 && current <= seconds) {
      return false;
    }
    setMaxInactiveInterval.invokeExact(session, seconds);
    return true;
  }

  @Override
  Map<?, ?> attributes(Object session) throws Throwable {
    return (Map<?, ?>) attributes.invokeExact(session);
  }

  @Override
  boolean invalidate(Object session) throws Throwable {
    if (!(boolean) validInternal.invokeExact(session)) {
      return false;
    }
    expire.invokeExact(session);
    return true;
  }

  private static MethodHandle method(
      MethodHandles.Lookup lookup, Class<?> owner, String name, Class<?> returns)
      throws ReflectiveOperationException {
    return lookup
        .findVirtual(owner, name, MethodType.methodType(returns))
        .asType(MethodType.methodType(returns, Object.class));
  }

  private static MethodHandle field(
      MethodHandles.Lookup lookup, Class<?> owner, String name, Class<?> as)
      throws ReflectiveOperationException {
    Field field = owner.getDeclaredField(name);
    return lookup.unreflectGetter(field).asType(MethodType.methodType(as, Object.class));
  }

  private static @Nullable MethodHandle optionalField(
      MethodHandles.Lookup lookup, Class<?> owner, String name, Class<?> as)
      throws ReflectiveOperationException {
    try {
      return field(lookup, owner, name, as);
    } catch (NoSuchFieldException absent) {
      return null; // older Tomcat versions keep these as static settings
    }
  }
}
