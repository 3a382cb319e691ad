package io.heapwarden.agent.instrument.singletons;

import java.util.List;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/** Descriptor and value plumbing for the generated code: config types, frames, boxing. */
public final class Descriptors {
  private Descriptors() {}

  /** {@code (Ljava/lang/String;I)} for the config's {@code [java.lang.String, int]}. */
  public static String parameters(List<String> types) {
    StringBuilder out = new StringBuilder("(");
    for (String type : types) {
      out.append(descriptor(type));
    }
    return out.append(')').toString();
  }

  private static String descriptor(String type) {
    if (type.endsWith("[]")) {
      return "[" + descriptor(type.substring(0, type.length() - 2));
    }
    switch (type) {
      case "boolean":
        return "Z";
      case "byte":
        return "B";
      case "char":
        return "C";
      case "short":
        return "S";
      case "int":
        return "I";
      case "long":
        return "J";
      case "float":
        return "F";
      case "double":
        return "D";
      default:
        return "L" + type.replace('.', '/') + ";";
    }
  }

  /** The type of a local of {@code type} in an expanded ({@code F_NEW}) frame. */
  static Object frameType(Type type) {
    switch (type.getSort()) {
      case Type.BOOLEAN:
      case Type.BYTE:
      case Type.CHAR:
      case Type.SHORT:
      case Type.INT:
        return Opcodes.INTEGER;
      case Type.LONG:
        return Opcodes.LONG;
      case Type.FLOAT:
        return Opcodes.FLOAT;
      case Type.DOUBLE:
        return Opcodes.DOUBLE;
      default:
        return type.getInternalName();
    }
  }

  /** Boxes the primitive on top of the stack (nothing for references). */
  static void box(MethodVisitor method, Type type) {
    Type boxed = boxedType(type);
    if (boxed != null) {
      method.visitMethodInsn(
          Opcodes.INVOKESTATIC,
          boxed.getInternalName(),
          "valueOf",
          "(" + type.getDescriptor() + ")" + boxed.getDescriptor(),
          false);
    }
  }

  /** Turns the Object on top of the stack into {@code type}: unboxed or cast. */
  static void unboxOrCast(MethodVisitor method, Type type) {
    Type boxed = boxedType(type);
    if (boxed == null) {
      method.visitTypeInsn(Opcodes.CHECKCAST, type.getInternalName());
      return;
    }
    method.visitTypeInsn(Opcodes.CHECKCAST, boxed.getInternalName());
    method.visitMethodInsn(
        Opcodes.INVOKEVIRTUAL,
        boxed.getInternalName(),
        type.getClassName() + "Value",
        "()" + type.getDescriptor(),
        false);
  }

  private static @Nullable Type boxedType(Type type) {
    switch (type.getSort()) {
      case Type.BOOLEAN:
        return Type.getObjectType("java/lang/Boolean");
      case Type.BYTE:
        return Type.getObjectType("java/lang/Byte");
      case Type.CHAR:
        return Type.getObjectType("java/lang/Character");
      case Type.SHORT:
        return Type.getObjectType("java/lang/Short");
      case Type.INT:
        return Type.getObjectType("java/lang/Integer");
      case Type.LONG:
        return Type.getObjectType("java/lang/Long");
      case Type.FLOAT:
        return Type.getObjectType("java/lang/Float");
      case Type.DOUBLE:
        return Type.getObjectType("java/lang/Double");
      default:
        return null;
    }
  }

  /** Loads the arguments, from local {@code first} on. */
  static void loadAll(MethodVisitor method, Type[] types, int first) {
    int slot = first;
    for (Type type : types) {
      method.visitVarInsn(type.getOpcode(Opcodes.ILOAD), slot);
      slot += type.getSize();
    }
  }

  /** Builds an Object[] of the arguments, boxed, from local {@code first} on. */
  static void packAll(MethodVisitor method, Type[] types, int first) {
    pushInt(method, types.length);
    method.visitTypeInsn(Opcodes.ANEWARRAY, "java/lang/Object");
    int slot = first;
    for (int i = 0; i < types.length; i++) {
      method.visitInsn(Opcodes.DUP);
      pushInt(method, i);
      method.visitVarInsn(types[i].getOpcode(Opcodes.ILOAD), slot);
      box(method, types[i]);
      method.visitInsn(Opcodes.AASTORE);
      slot += types[i].getSize();
    }
  }

  static void pushInt(MethodVisitor method, int value) {
    if (value >= -1 && value <= 5) {
      method.visitInsn(Opcodes.ICONST_0 + value);
    } else if (value >= Byte.MIN_VALUE && value <= Byte.MAX_VALUE) {
      method.visitIntInsn(Opcodes.BIPUSH, value);
    } else if (value >= Short.MIN_VALUE && value <= Short.MAX_VALUE) {
      method.visitIntInsn(Opcodes.SIPUSH, value);
    } else {
      method.visitLdcInsn(value);
    }
  }

  static int size(Type[] types) {
    int size = 0;
    for (Type type : types) {
      size += type.getSize();
    }
    return size;
  }
}
