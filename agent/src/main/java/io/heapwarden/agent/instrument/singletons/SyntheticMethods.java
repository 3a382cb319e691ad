package io.heapwarden.agent.instrument.singletons;

import io.heapwarden.bootstrap.singletons.SingletonHooks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * The methods the rewriter adds to a class: one private static synthetic method per ruled
 * constructor and per ruled close() its code calls, and the body of each memoized factory method.
 * They hold all the branching, so call sites change by one instruction and keep their frames.
 *
 * <p>Each generated body is written with its own stack-map frames (class files from version 50 on)
 * or none (older ones, which the JVM verifies by type inference), so no class is ever loaded to
 * compute frames. Before version 49 there is no {@code ldc} of a class: the ruled class is looked
 * up once with {@code Class.forName} (the caller's loader, as {@code new} would resolve it) and
 * kept in a synthetic static field.
 */
final class SyntheticMethods {
  static final String HOOKS = "io/heapwarden/bootstrap/singletons/SingletonHooks";
  static final String CREATION = "io/heapwarden/bootstrap/singletons/Creation";
  static final String ENTER_DESCRIPTOR =
      "(IILjava/lang/Class;Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/Object;";
  static final String ENTER1_DESCRIPTOR =
      "(IILjava/lang/Class;Ljava/lang/String;Ljava/lang/Object;)Ljava/lang/Object;";
  static final String PREFIX = "heapwarden$";

  private static final int ACCESS =
      Opcodes.ACC_PRIVATE | Opcodes.ACC_STATIC | Opcodes.ACC_SYNTHETIC;

  private final String thisClass;
  private final int version;
  private final boolean isInterface;
  private final Map<String, String> names = new LinkedHashMap<>();
  private final List<Runnable> pending = new ArrayList<>();
  private final Map<String, String> classFields = new LinkedHashMap<>();

  @SuppressWarnings("NullAway.Init") // set by emitAll(), which runs the emitters that use it
  private ClassVisitor out;

  SyntheticMethods(String thisClass, int version, boolean isInterface) {
    this.thisClass = thisClass;
    this.version = version;
    this.isInterface = isInterface;
  }

  /** Whether this class can hold the private static methods (interfaces: only from Java 8 on). */
  boolean supported() {
    return !isInterface || (version & 0xFFFF) >= Opcodes.V1_8;
  }

  boolean isInterface() {
    return isInterface;
  }

  /**
   * The name of the method standing in for {@code new owner(descriptor)}: {@code (args)Lowner;}.
   */
  String constructor(SingletonTarget target, String owner, String descriptor) {
    String key = "new " + target.ruleId() + " " + owner + descriptor;
    String name = names.get(key);
    if (name == null) {
      String chosen = PREFIX + "new$" + names.size();
      names.put(key, chosen);
      pending.add(() -> emitConstructor(chosen, target, owner, descriptor));
      name = chosen;
    }
    return name;
  }

  /** The name of the method standing in for {@code owner.close()}: {@code (Lowner;)V}. */
  String close(SingletonTarget target, String owner) {
    String key = "close " + target.ruleId() + " " + owner;
    String name = names.get(key);
    if (name == null) {
      String chosen = PREFIX + "close$" + names.size();
      names.put(key, chosen);
      pending.add(() -> emitClose(chosen, target, owner));
      name = chosen;
    }
    return name;
  }

  /** Adds the methods (and fields) asked for so far to {@code classVisitor}. */
  void emitAll(ClassVisitor classVisitor) {
    this.out = classVisitor;
    for (Runnable emit : pending) {
      emit.run();
    }
    for (String field : classFields.values()) {
      out.visitField(ACCESS, field, "Ljava/lang/Class;", null, null).visitEnd();
    }
  }

  private void emitConstructor(String name, SingletonTarget target, String owner, String ctor) {
    Type[] params = Type.getArgumentTypes(ctor);
    Type result = Type.getObjectType(owner);
    MethodVisitor method =
        out.visitMethod(ACCESS, name, Type.getMethodDescriptor(result, params), null, null);
    Object[] frame = new Object[params.length];
    for (int i = 0; i < params.length; i++) {
      frame[i] = Descriptors.frameType(params[i]);
    }
    method.visitCode();
    emitShared(
        method,
        target,
        owner,
        ctor,
        params,
        frame,
        result,
        () -> {
          method.visitTypeInsn(Opcodes.NEW, owner);
          method.visitInsn(Opcodes.DUP);
          Descriptors.loadAll(method, params, 0);
          method.visitMethodInsn(Opcodes.INVOKESPECIAL, owner, "<init>", ctor, false);
        });
    method.visitMaxs(0, 0);
    method.visitEnd();
  }

  /**
   * The body of a memoized factory method: {@code wrapper} becomes a method that returns the shared
   * result, calling {@code renamed} (the original body) to make it.
   */
  void emitMemoized(
      MethodVisitor wrapper,
      SingletonTarget target,
      boolean isStatic,
      String renamed,
      String name,
      String descriptor) {
    Type[] declared = Type.getArgumentTypes(descriptor);
    Type result = Type.getReturnType(descriptor);
    Type[] locals = declared;
    if (!isStatic) {
      locals = new Type[declared.length + 1];
      locals[0] = Type.getObjectType(thisClass);
      System.arraycopy(declared, 0, locals, 1, declared.length);
    }
    Object[] frame = new Object[locals.length];
    for (int i = 0; i < locals.length; i++) {
      frame[i] = Descriptors.frameType(locals[i]);
    }
    wrapper.visitCode();
    Type[] all = locals;
    emitShared(
        wrapper,
        target,
        thisClass,
        name + descriptor,
        all,
        frame,
        result,
        () -> {
          Descriptors.loadAll(wrapper, all, 0);
          wrapper.visitMethodInsn(
              isStatic ? Opcodes.INVOKESTATIC : Opcodes.INVOKESPECIAL,
              thisClass,
              renamed,
              descriptor,
              isInterface);
        });
    wrapper.visitMaxs(0, 0);
    wrapper.visitEnd();
  }

  /** enter; return the shared value, or build it (created/failed around the construction). */
  private void emitShared(
      MethodVisitor method,
      SingletonTarget target,
      String home,
      String shape,
      Type[] args,
      Object[] frameLocals,
      Type result,
      Runnable build) {
    Label start = new Label();
    Label end = new Label();
    Label handler = new Label();
    Label create = new Label();
    method.visitTryCatchBlock(start, end, handler, null);
    int ticket = Descriptors.size(args);
    Descriptors.pushInt(method, target.ruleId());
    Descriptors.pushInt(method, target.flags());
    pushClass(method, home);
    method.visitLdcInsn(shape);
    if ((target.flags() & SingletonHooks.CLASS_KEY) != 0) {
      method.visitInsn(Opcodes.ACONST_NULL);
      method.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "enter", ENTER_DESCRIPTOR, false);
    } else if (args.length == 1 && args[0].getSort() >= Type.ARRAY) {
      method.visitVarInsn(Opcodes.ALOAD, 0); // one reference: the key itself, no array
      method.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "enter1", ENTER1_DESCRIPTOR, false);
    } else {
      Descriptors.packAll(method, args, 0);
      method.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "enter", ENTER_DESCRIPTOR, false);
    }
    method.visitVarInsn(Opcodes.ASTORE, ticket);
    method.visitVarInsn(Opcodes.ALOAD, ticket);
    method.visitTypeInsn(Opcodes.INSTANCEOF, CREATION);
    method.visitJumpInsn(Opcodes.IFNE, create);
    method.visitVarInsn(Opcodes.ALOAD, ticket);
    Descriptors.unboxOrCast(method, result);
    method.visitInsn(result.getOpcode(Opcodes.IRETURN));

    Object[] withTicket = new Object[frameLocals.length + 1];
    System.arraycopy(frameLocals, 0, withTicket, 0, frameLocals.length);
    withTicket[frameLocals.length] = "java/lang/Object";
    method.visitLabel(create);
    frame(method, withTicket, new Object[0]);
    method.visitLabel(start);
    build.run();
    Descriptors.box(method, result);
    method.visitVarInsn(Opcodes.ALOAD, ticket);
    method.visitInsn(Opcodes.SWAP);
    method.visitMethodInsn(
        Opcodes.INVOKESTATIC,
        HOOKS,
        "created",
        "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;",
        false);
    Descriptors.unboxOrCast(method, result);
    method.visitInsn(result.getOpcode(Opcodes.IRETURN));
    method.visitLabel(end);

    method.visitLabel(handler);
    frame(method, withTicket, new Object[] {"java/lang/Throwable"});
    method.visitVarInsn(Opcodes.ASTORE, ticket + 1);
    method.visitVarInsn(Opcodes.ALOAD, ticket);
    method.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "failed", "(Ljava/lang/Object;)V", false);
    method.visitVarInsn(Opcodes.ALOAD, ticket + 1);
    method.visitInsn(Opcodes.ATHROW);
  }

  private void emitClose(String name, SingletonTarget target, String owner) {
    MethodVisitor method = out.visitMethod(ACCESS, name, "(L" + owner + ";)V", null, null);
    Label skip = new Label();
    method.visitCode();
    method.visitVarInsn(Opcodes.ALOAD, 0);
    Descriptors.pushInt(method, target.ruleId());
    Descriptors.pushInt(method, target.flags());
    method.visitMethodInsn(
        Opcodes.INVOKESTATIC, HOOKS, "closing", "(Ljava/lang/Object;II)Z", false);
    method.visitJumpInsn(Opcodes.IFEQ, skip);
    method.visitVarInsn(Opcodes.ALOAD, 0);
    method.visitMethodInsn(Opcodes.INVOKEVIRTUAL, owner, "close", "()V", false);
    method.visitLabel(skip);
    frame(method, new Object[] {owner}, new Object[0]);
    method.visitInsn(Opcodes.RETURN);
    method.visitMaxs(0, 0);
    method.visitEnd();
  }

  private void pushClass(MethodVisitor method, String owner) {
    if ((version & 0xFFFF) >= Opcodes.V1_5) {
      method.visitLdcInsn(Type.getObjectType(owner));
      return;
    }
    String field = classFields.get(owner);
    if (field == null) {
      field = PREFIX + "class$" + classFields.size();
      classFields.put(owner, field);
    }
    Label known = new Label();
    method.visitFieldInsn(Opcodes.GETSTATIC, thisClass, field, "Ljava/lang/Class;");
    method.visitInsn(Opcodes.DUP);
    method.visitJumpInsn(Opcodes.IFNONNULL, known);
    method.visitInsn(Opcodes.POP);
    method.visitLdcInsn(owner.replace('/', '.'));
    method.visitMethodInsn(
        Opcodes.INVOKESTATIC,
        "java/lang/Class",
        "forName",
        "(Ljava/lang/String;)Ljava/lang/Class;",
        false);
    method.visitInsn(Opcodes.DUP);
    method.visitFieldInsn(Opcodes.PUTSTATIC, thisClass, field, "Ljava/lang/Class;");
    method.visitLabel(known); // no frame: class files before version 49 have none
  }

  private void frame(MethodVisitor method, Object[] locals, Object[] stack) {
    if ((version & 0xFFFF) >= Opcodes.V1_6) {
      method.visitFrame(Opcodes.F_NEW, locals.length, locals, stack.length, stack);
    }
  }
}
