package io.heapwarden.agent.instrument.collections;

import io.heapwarden.agent.instrument.ClassFiles;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Tells whether a field reference {@code owner.name} resolves to the field a rule names, as the JVM
 * resolves it: the first class up from {@code owner} that declares a field of that name. A subclass
 * writes an inherited field through its own name, so the owner alone is not enough.
 *
 * <p>Superclasses are read as class-file resources of the defining loader, never loaded: loading
 * classes from inside a transformer can deadlock or change the service's class-loading order.
 */
final class FieldOwnerResolver {
  private static final int MAX_DEPTH = 32;

  private FieldOwnerResolver() {}

  /**
   * @param current the class being transformed, whose bytes are at hand (it cannot be read as a
   *     resource reliably while it is being defined)
   */
  static boolean resolvesTo(
      @Nullable ClassLoader loader,
      ClassReader current,
      String owner,
      String field,
      String ruleClass) {
    String cls = owner;
    for (int depth = 0; depth < MAX_DEPTH && cls != null; depth++) {
      ClassFacts facts =
          cls.equals(current.getClassName())
              ? ClassFacts.of(current, field)
              : read(loader, cls, field);
      if (facts == null) {
        return false; // not readable: never rewrite what cannot be proven
      }
      if (facts.declaresField) {
        return cls.equals(ruleClass);
      }
      cls = facts.superName;
    }
    return false;
  }

  private static @Nullable ClassFacts read(
      @Nullable ClassLoader loader, String internalName, String field) {
    byte[] classFile = ClassFiles.read(loader, internalName);
    try {
      return classFile == null ? null : ClassFacts.of(new ClassReader(classFile), field);
    } catch (RuntimeException unreadable) {
      return null;
    }
  }

  /** A class's superclass and whether it declares the field. */
  private static final class ClassFacts {
    final String superName;
    final boolean declaresField;

    private ClassFacts(String superName, boolean declaresField) {
      this.superName = superName;
      this.declaresField = declaresField;
    }

    static ClassFacts of(ClassReader reader, String field) {
      boolean[] declares = new boolean[1];
      reader.accept(
          new ClassVisitor(Opcodes.ASM9) {
            @Override
            public @Nullable FieldVisitor visitField(
                int access, String name, String descriptor, String signature, Object value) {
              if (name.equals(field)) {
                declares[0] = true;
              }
              return null;
            }
          },
          ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
      return new ClassFacts(reader.getSuperName(), declares[0]);
    }
  }
}
