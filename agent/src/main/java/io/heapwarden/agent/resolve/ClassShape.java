package io.heapwarden.agent.resolve;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The members a class file declares, read with ASM without the code: its fields with their
 * descriptors, its methods with theirs. Holds strings only, no class and no loader.
 */
final class ClassShape {
  private final Map<String, String> fields = new LinkedHashMap<>();
  private final List<String[]> methods = new ArrayList<>();
  private int access;

  private ClassShape() {}

  /** The shape of {@code classFile}; throws what ASM throws on a malformed file. */
  static ClassShape of(byte[] classFile) {
    ClassShape shape = new ClassShape();
    new ClassReader(classFile)
        .accept(
            new ClassVisitor(Opcodes.ASM9) {
              @Override
              public void visit(
                  int version,
                  int access,
                  String name,
                  String signature,
                  String superName,
                  String[] interfaces) {
                shape.access = access;
              }

              @Override
              public @Nullable FieldVisitor visitField(
                  int access, String name, String descriptor, String signature, Object value) {
                shape.fields.put(name, descriptor);
                return null;
              }

              @Override
              public @Nullable MethodVisitor visitMethod(
                  int access,
                  String name,
                  String descriptor,
                  String signature,
                  String[] exceptions) {
                shape.methods.add(new String[] {name, descriptor});
                return null;
              }
            },
            ClassReader.SKIP_CODE | ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    return shape;
  }

  /** Whether {@code new} can make an instance of the class itself. */
  boolean isConcrete() {
    return (access & (Opcodes.ACC_INTERFACE | Opcodes.ACC_ABSTRACT)) == 0;
  }

  /** Declared fields, name to descriptor, in file order. */
  Map<String, String> fields() {
    return fields;
  }

  /** Declared methods as {name, descriptor}, constructors included, in file order. */
  List<String[]> methods() {
    return methods;
  }
}
