package io.heapwarden.bootstrap.size;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

/**
 * The shallow size of a class's instances and the reference fields a walk can follow, computed once
 * per class from its declared fields (cached in a {@link ClassValue}, so a class loader can still
 * be unloaded). Fields are summed and the total aligned, as HotSpot's field layout packs them
 * (since JDK 15 without gaps between a superclass's fields and a subclass's, in the usual cases).
 * Reference fields that reflection may not read (a JDK class in a module that does not open its
 * package) count in the shallow size but are not followed.
 */
final class ClassLayout {
  private static final Field[] NONE = new Field[0];

  private static final ClassValue<ClassLayout> LAYOUTS =
      new ClassValue<ClassLayout>() {
        @Override
        protected ClassLayout computeValue(Class<?> type) {
          return of(type, JvmLayout.current());
        }
      };

  final long shallowBytes;
  final Field[] references;

  private ClassLayout(long shallowBytes, Field[] references) {
    this.shallowBytes = shallowBytes;
    this.references = references;
  }

  static ClassLayout forClass(Class<?> type) {
    return LAYOUTS.get(type);
  }

  static ClassLayout of(Class<?> type, JvmLayout jvm) {
    long fieldBytes = 0;
    List<Field> references = new ArrayList<>();
    try {
      for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
        for (Field field : c.getDeclaredFields()) {
          if (Modifier.isStatic(field.getModifiers())) {
            continue;
          }
          Class<?> fieldType = field.getType();
          if (fieldType.isPrimitive()) {
            fieldBytes += primitiveBytes(fieldType);
          } else {
            fieldBytes += jvm.referenceBytes;
            if (readable(field)) {
              references.add(field);
            }
          }
        }
      }
    } catch (Throwable unreadable) { // a class whose fields cannot be listed: its header only
      return new ClassLayout(jvm.align(jvm.objectHeaderBytes), NONE);
    }
    return new ClassLayout(jvm.align(jvm.objectHeaderBytes + fieldBytes), references.toArray(NONE));
  }

  private static boolean readable(Field field) {
    try {
      return field.trySetAccessible();
    } catch (RuntimeException denied) { // a security manager
      return false;
    }
  }

  static int primitiveBytes(Class<?> type) {
    if (type == long.class || type == double.class) {
      return 8;
    }
    if (type == int.class || type == float.class) {
      return 4;
    }
    if (type == short.class || type == char.class) {
      return 2;
    }
    return 1; // byte, boolean
  }
}
