package io.heapwarden.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The class hierarchy as the corpus and the running JDK's class files describe it, read with ASM:
 * no class is ever loaded, so checks see the corpus's classes, not the harness's own.
 */
final class Hierarchy {
  /** A class's supertypes and declared fields (name to descriptor). */
  record Info(
      String name,
      String superName,
      List<String> interfaces,
      boolean isInterface,
      Map<String, String> fields) {}

  /** A supertype the corpus and the JDK do not have: the check cannot be made. */
  static final class Missing extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Missing(String name) {
      super(name, null, false, false);
    }
  }

  private final Corpus corpus;
  private final Map<String, Optional<Info>> cache = new HashMap<>();

  Hierarchy(Corpus corpus) {
    this.corpus = corpus;
  }

  /** The class's info, or null when neither the corpus nor the JDK has it. */
  synchronized Info info(String name) {
    return cache.computeIfAbsent(name, this::read).orElse(null);
  }

  /** The class's info; {@link Missing} when there is none. */
  Info require(String name) {
    Info info = info(name);
    if (info == null) {
      throw new Missing(name);
    }
    return info;
  }

  private Optional<Info> read(String name) {
    byte[] bytes = classFile(name);
    if (bytes == null) {
      return Optional.empty();
    }
    ClassReader reader = new ClassReader(bytes);
    Map<String, String> fields = new HashMap<>();
    reader.accept(
        new ClassVisitor(Opcodes.ASM9) {
          @Override
          public FieldVisitor visitField(
              int access, String field, String descriptor, String signature, Object value) {
            fields.put(field, descriptor);
            return null;
          }
        },
        ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return Optional.of(
        new Info(
            name,
            reader.getSuperName(),
            List.of(reader.getInterfaces()),
            (reader.getAccess() & Opcodes.ACC_INTERFACE) != 0,
            fields));
  }

  /** The class file from the corpus, else from the JDK (which the platform loader reads). */
  byte[] classFile(String name) {
    byte[] bytes = corpus.bytes(name);
    if (bytes != null) {
      return bytes;
    }
    if (name.startsWith("[")) {
      return null;
    }
    try (InputStream in =
        ClassLoader.getPlatformClassLoader().getResourceAsStream(name + ".class")) {
      return in == null ? null : in.readAllBytes();
    } catch (IOException e) {
      return null;
    }
  }

  /** Whether {@code name} is {@code target} or one of its subtypes; {@link Missing} if unknown. */
  boolean isSubtype(String name, String target) {
    if (name.equals(target)) {
      return true;
    }
    Info info = require(name);
    if (info.superName() != null && isSubtype(info.superName(), target)) {
      return true;
    }
    for (String each : info.interfaces()) {
      if (isSubtype(each, target)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The class that declares the field {@code owner.field} resolves to, as the JVM resolves it (the
   * class, its superinterfaces, then its superclass), or null when it cannot be told.
   */
  String declaringClass(String owner, String field) {
    Info info = info(owner);
    if (info == null) {
      return null;
    }
    if (info.fields().containsKey(field)) {
      return owner;
    }
    for (String each : info.interfaces()) {
      String found = declaringClass(each, field);
      if (found != null) {
        return found;
      }
    }
    return info.superName() == null ? null : declaringClass(info.superName(), field);
  }
}
