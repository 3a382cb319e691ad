package io.heapwarden.bootstrap.sessions.servlet;

import org.jspecify.annotations.Nullable;

/**
 * The {@link ContainerAdapter} of each session class, computed once and kept with the class itself
 * ({@link ClassValue}): the method handles refer to web-app classes, and a map held by the boot
 * loader would keep those loaders alive after an undeploy.
 */
final class ContainerAdapters {
  private ContainerAdapters() {}

  private static final ClassValue<Object> BY_CLASS =
      new ClassValue<Object>() {
        @Override
        protected Object computeValue(Class<?> type) {
          try {
            ContainerAdapter adapter = TomcatAdapter.forClass(type);
            if (adapter == null) {
              adapter = JettyAdapter.forClass(type);
            }
            return adapter != null ? adapter : "not a Tomcat or Jetty 12 session class";
          } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return new Unsupported(e);
          }
        }
      };

  /**
   * The adapter for {@code sessionClass}; throws {@link UnsupportedSessionClass} when the class is
   * not a known container session or its members are not the expected ones.
   */
  static ContainerAdapter of(Class<?> sessionClass) {
    Object adapter = BY_CLASS.get(sessionClass);
    if (adapter instanceof ContainerAdapter) {
      return (ContainerAdapter) adapter;
    }
    if (adapter instanceof Unsupported) {
      throw new UnsupportedSessionClass(sessionClass.getName(), ((Unsupported) adapter).cause);
    }
    throw new UnsupportedSessionClass(sessionClass.getName() + ": " + adapter, null);
  }

  /** {@code type} or its first superclass named {@code name}, or null. */
  static @Nullable Class<?> superclassNamed(Class<?> type, String name) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getName().equals(name)) {
        return c;
      }
    }
    return null;
  }

  private static final class Unsupported {
    final Throwable cause;

    Unsupported(Throwable cause) {
      this.cause = cause;
    }
  }

  /** A session class the agent cannot drive; the rule that met it disables itself. */
  static final class UnsupportedSessionClass extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnsupportedSessionClass(String message, @Nullable Throwable cause) {
      super("unsupported session class " + message, cause);
    }
  }
}
