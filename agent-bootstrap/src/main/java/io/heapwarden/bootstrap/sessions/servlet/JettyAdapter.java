package io.heapwarden.bootstrap.sessions.servlet;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Field;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Jetty 12's {@code org.eclipse.jetty.session.ManagedSession} (core sessions, used by the ee8, ee9
 * and ee10 servlet layers). Eviction is {@code invalidate()}: Jetty's own path, which calls the
 * session listeners, unbinds the attributes and removes the session from every session cache
 * ({@code SessionIdManager.invalidateAll}).
 *
 * <p>Every call that takes the session's lock first tries it ({@code AutoLock.tryLock}) and leaves
 * a busy session alone: the agent may run inside {@code AbstractSessionCache.add}, which holds the
 * lock of the session being added, and must never wait for a second session's lock there. Reads
 * (access times, request count) use the fields without the lock, as Jetty's own toString does; a
 * stale read only delays an eviction.
 */
final class JettyAdapter extends ContainerAdapter {
  static final String MANAGED_SESSION = "org.eclipse.jetty.session.ManagedSession";

  private final MethodHandle accessed; // (Object)long: SessionData.getAccessed()
  private final MethodHandle created; // (Object)long: SessionData.getCreated()
  private final MethodHandle maxInactiveMs; // (Object)long: SessionData.getMaxInactiveMs()
  private final MethodHandle attributes; // (Object)Map: SessionData.getAllAttributes()
  private final MethodHandle requests; // (Object)long: the _requests field
  private final MethodHandle lock; // (Object)Object: the _lock field, an AutoLock
  private final MethodHandle tryLock; // (Object)Object: AutoLock.tryLock()
  private final MethodHandle heldByCurrentThread; // (Object)boolean
  private final MethodHandle unlock; // (Object)void: AutoLock.close()
  private final MethodHandle setMaxInactiveInterval; // (Object,int)void
  private final MethodHandle isValid; // (Object)boolean, takes the lock
  private final MethodHandle invalidate; // (Object)void

  private JettyAdapter(Class<?> managedSession) throws ReflectiveOperationException {
    MethodHandles.Lookup lookup =
        MethodHandles.privateLookupIn(managedSession, MethodHandles.lookup());
    MethodHandles.Lookup publicLookup = MethodHandles.publicLookup();
    Class<?> sessionData = managedSession.getMethod("getSessionData").getReturnType();
    MethodHandle data =
        lookup.findVirtual(managedSession, "getSessionData", MethodType.methodType(sessionData));
    accessed = ofData(publicLookup, data, sessionData, "getAccessed", long.class);
    created = ofData(publicLookup, data, sessionData, "getCreated", long.class);
    maxInactiveMs = ofData(publicLookup, data, sessionData, "getMaxInactiveMs", long.class);
    attributes = ofData(publicLookup, data, sessionData, "getAllAttributes", Map.class);
    requests = field(lookup, managedSession, "_requests", long.class);
    Field lockField = managedSession.getDeclaredField("_lock");
    Class<?> autoLock = lockField.getType();
    lock =
        lookup.unreflectGetter(lockField).asType(MethodType.methodType(Object.class, Object.class));
    tryLock =
        publicLookup
            .findVirtual(autoLock, "tryLock", MethodType.methodType(autoLock))
            .asType(MethodType.methodType(Object.class, Object.class));
    heldByCurrentThread =
        publicLookup
            .findVirtual(autoLock, "isHeldByCurrentThread", MethodType.methodType(boolean.class))
            .asType(MethodType.methodType(boolean.class, Object.class));
    unlock =
        publicLookup
            .findVirtual(autoLock, "close", MethodType.methodType(void.class))
            .asType(MethodType.methodType(void.class, Object.class));
    setMaxInactiveInterval =
        lookup
            .findVirtual(
                managedSession,
                "setMaxInactiveInterval",
                MethodType.methodType(void.class, int.class))
            .asType(MethodType.methodType(void.class, Object.class, int.class));
    isValid =
        lookup
            .findVirtual(managedSession, "isValid", MethodType.methodType(boolean.class))
            .asType(MethodType.methodType(boolean.class, Object.class));
    invalidate =
        lookup
            .findVirtual(managedSession, "invalidate", MethodType.methodType(void.class))
            .asType(MethodType.methodType(void.class, Object.class));
  }

  /** The adapter for a class that is or extends Jetty 12's {@code ManagedSession}, or null. */
  static @Nullable JettyAdapter forClass(Class<?> sessionClass)
      throws ReflectiveOperationException {
    Class<?> managedSession = ContainerAdapters.superclassNamed(sessionClass, MANAGED_SESSION);
    return managedSession == null ? null : new JettyAdapter(managedSession);
  }

  @Override
  String container() {
    return "jetty";
  }

  @Override
  long lastAccess(Object session) throws Throwable {
    return (long) accessed.invokeExact(session);
  }

  @Override
  long created(Object session) throws Throwable {
    return (long) created.invokeExact(session);
  }

  @Override
  boolean inUse(Object session) throws Throwable {
    return (long) requests.invokeExact(session) > 0;
  }

  @Override
  boolean capInactiveInterval(Object session, int seconds) throws Throwable {
    long current = (long) maxInactiveMs.invokeExact(session);
    if (current > 0 && current <= seconds * 1000L) {
      return false;
    }
    Object held = tryLock(session);
    if (held == null) {
      return false;
    }
    try {
      setMaxInactiveInterval.invokeExact(session, seconds);
      return true;
    } finally {
      unlock.invokeExact(held);
    }
  }

  @Override
  Map<?, ?> attributes(Object session) throws Throwable {
    return (Map<?, ?>) attributes.invokeExact(session);
  }

  /**
   * Jetty's {@code invalidate()} under the session's lock, taken without waiting; a session that a
   * request holds, or that is already invalid or being invalidated, is left alone.
   */
  @Override
  boolean invalidate(Object session) throws Throwable {
    Object held = tryLock(session);
    if (held == null) {
      return false;
    }
    try {
      if ((long) requests.invokeExact(session) > 0 || !valid(session)) {
        return false;
      }
      invalidate.invokeExact(session);
      return true;
    } finally {
      unlock.invokeExact(held);
    }
  }

  /** The session's lock, now held by this thread, or null when another thread holds it. */
  private @Nullable Object tryLock(Object session) throws Throwable {
    Object autoLock = (Object) lock.invokeExact(session);
    Object held = (Object) tryLock.invokeExact(autoLock);
    return (boolean) heldByCurrentThread.invokeExact(held) ? held : null;
  }

  /** Called with the lock held; {@code isValid()} takes it again (reentrant). */
  private boolean valid(Object session) throws Throwable {
    return (boolean) isValid.invokeExact(session);
  }

  private static MethodHandle ofData(
      MethodHandles.Lookup publicLookup,
      MethodHandle data,
      Class<?> sessionData,
      String getter,
      Class<?> returns)
      throws ReflectiveOperationException {
    MethodHandle read =
        publicLookup.findVirtual(sessionData, getter, MethodType.methodType(returns));
    return MethodHandles.filterReturnValue(data, read)
        .asType(MethodType.methodType(returns, Object.class));
  }

  private static MethodHandle field(
      MethodHandles.Lookup lookup, Class<?> owner, String name, Class<?> as)
      throws ReflectiveOperationException {
    return lookup
        .unreflectGetter(owner.getDeclaredField(name))
        .asType(MethodType.methodType(as, Object.class));
  }
}
