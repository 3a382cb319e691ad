package io.heapwarden.bootstrap.singletons;

import org.jspecify.annotations.Nullable;

/**
 * What the registry needs to know about constructor and method arguments: whether one of them is
 * compared by identity, and a short description of a key for telemetry.
 *
 * <p>An argument is compared by identity when its class inherits {@code Object.equals}: enums and
 * {@code Class} objects excepted (they are unique anyway), array elements checked one by one. Such
 * an argument is almost always a fresh object per call, so its key would never match again and
 * every call would add an instance to the registry: a leak of the agent's own making. Those calls
 * are not shared (they build an instance as before) and the rule is reported once.
 */
final class Arguments {
  private static final int MAX_DEPTH = 8;
  private static final int MAX_SUMMARY = 200;

  private static final ClassValue<Boolean> IDENTITY_EQUALS =
      new ClassValue<Boolean>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          if (type.isEnum() || type == Class.class || Enum.class.isAssignableFrom(type)) {
            return Boolean.FALSE;
          }
          try {
            return type.getMethod("equals", Object.class).getDeclaringClass() == Object.class;
          } catch (NoSuchMethodException | SecurityException e) {
            return Boolean.FALSE; // cannot tell: assume the class knows what it does
          }
        }
      };

  private Arguments() {}

  /** The first argument class whose equals is identity, or null. */
  static @Nullable Class<?> identityCompared(Object @Nullable [] args) {
    return args == null ? null : identityCompared(args, 0);
  }

  private static @Nullable Class<?> identityCompared(Object[] values, int depth) {
    for (Object value : values) {
      if (value == null) {
        continue;
      }
      if (value instanceof Object[]) {
        if (depth < MAX_DEPTH) {
          Class<?> found = identityCompared((Object[]) value, depth + 1);
          if (found != null) {
            return found;
          }
        }
      } else if (!value.getClass().isArray() && IDENTITY_EQUALS.get(value.getClass())) {
        return value.getClass();
      }
    }
    return null;
  }

  /**
   * A short, side-effect-free description: strings, numbers, booleans, characters and enums by
   * value, arrays by type and length, anything else by class name (its toString is the service's
   * code and may be slow, throw or print secrets).
   */
  static String summary(Object @Nullable [] args) {
    if (args == null) {
      return "(class)";
    }
    StringBuilder out = new StringBuilder("(");
    for (int i = 0; i < args.length; i++) {
      if (i > 0) {
        out.append(", ");
      }
      describe(out, args[i]);
      if (out.length() > MAX_SUMMARY) {
        out.setLength(MAX_SUMMARY);
        return out.append("...").toString();
      }
    }
    return out.append(')').toString();
  }

  private static void describe(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String) {
      out.append('"').append((String) value).append('"');
    } else if ((value instanceof Number || value instanceof Boolean || value instanceof Character)
        && value.getClass().getClassLoader() == null) {
      out.append(value); // the JDK's own types only: their toString is known to be harmless
    } else if (value instanceof Enum) {
      out.append(((Enum<?>) value).name());
    } else if (value.getClass().isArray()) {
      out.append(value.getClass().getComponentType().getName())
          .append('[')
          .append(java.lang.reflect.Array.getLength(value))
          .append(']');
    } else {
      out.append(value.getClass().getName());
    }
  }
}
