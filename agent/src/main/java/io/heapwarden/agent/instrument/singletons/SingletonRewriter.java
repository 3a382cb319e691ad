package io.heapwarden.agent.instrument.singletons;

import io.heapwarden.agent.instrument.AddsMembers;
import io.heapwarden.agent.instrument.ClassRewriter;
import io.heapwarden.agent.instrument.CodeAttributes;
import io.heapwarden.agent.instrument.RuleMatches;
import java.lang.reflect.Method;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * The rewriter of {@code singletons:} and {@code instances:} rules:
 *
 * <ul>
 *   <li>in every class, each {@code new C(...)} of a ruled class and each {@code C.close()} call
 *       goes through a synthetic method of that class ({@link ConstructionSites});
 *   <li>in the class declaring a ruled factory method, the method is memoized ({@link
 *       FactorySplitter});
 *   <li>in a class named by an {@code instances:} rule, its constructors count the new instance
 *       ({@link ConstructorEndHook}).
 * </ul>
 *
 * Frames are kept valid by construction (see each class), so only max-stack and max-locals are
 * recomputed and no class is loaded while rewriting.
 */
public final class SingletonRewriter implements ClassRewriter, AddsMembers {
  private final Map<String, SingletonTarget> ruledClasses = new HashMap<>();
  private final List<SingletonTarget> methods;
  private final Map<String, InstanceTarget> counted = new HashMap<>();
  private final SkippedSites skipped;

  public SingletonRewriter(
      List<SingletonTarget> singletons, List<InstanceTarget> instances, SkippedSites skipped) {
    this.skipped = skipped;
    List<SingletonTarget> factories = new java.util.ArrayList<>();
    for (SingletonTarget target : singletons) {
      if (target.className() != null) {
        ruledClasses.put(target.className(), target);
      } else {
        factories.add(target);
      }
    }
    this.methods = List.copyOf(factories);
    for (InstanceTarget target : instances) {
      counted.put(target.className(), target);
    }
  }

  @Override
  public byte @Nullable [] rewrite(
      @Nullable ClassLoader loader, String internalName, byte[] classFile) {
    if (ruledClasses.isEmpty()
        && !counted.containsKey(internalName)
        && !declaresFactory(internalName)) {
      return null; // method rules only: the pre-check matched a method name in another class
    }
    ClassReader reader = new ClassReader(classFile);
    ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
    boolean[] changed = new boolean[1];
    try {
      reader.accept(new Visitor(writer, internalName, changed), ClassReader.EXPAND_FRAMES);
    } catch (ConstructionSites.Unsupported odd) {
      skipped.skipped("singletons", internalName, odd.getMessage() + "; the class is unchanged");
      return null;
    }
    return changed[0] ? writer.toByteArray() : null;
  }

  /** Whether {@code type} already has members this agent added (methods named heapwarden$...). */
  @Override
  public boolean addedTo(Class<?> type) {
    try {
      for (Method method : type.getDeclaredMethods()) {
        if (method.getName().startsWith(SyntheticMethods.PREFIX)) {
          return true;
        }
      }
    } catch (Throwable cannotTell) {
      // a signature type that cannot be loaded: leave the class alone
    }
    return false;
  }

  private boolean declaresFactory(String internalName) {
    for (SingletonTarget target : methods) {
      if (internalName.equals(target.methodOwner())) {
        return true;
      }
    }
    return false;
  }

  private final class Visitor extends ClassVisitor {
    private final String className;
    private final boolean[] changed;

    @SuppressWarnings("NullAway.Init") // set in visit(), before any other visit
    private SyntheticMethods synthetic;

    Visitor(ClassVisitor next, String className, boolean[] changed) {
      super(Opcodes.ASM9, next);
      this.className = className;
      this.changed = changed;
    }

    @Override
    public void visit(
        int version,
        int access,
        String name,
        String signature,
        String superName,
        String[] interfaces) {
      synthetic = new SyntheticMethods(className, version, (access & Opcodes.ACC_INTERFACE) != 0);
      super.visit(version, access, name, signature, superName, interfaces);
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      SingletonTarget factory = factoryTarget(access, name, descriptor);
      MethodVisitor next;
      if (factory != null) {
        next = split(factory, access, name, descriptor, signature, exceptions);
      } else {
        next = super.visitMethod(access, name, descriptor, signature, exceptions);
      }
      InstanceTarget count = counted.get(className);
      if (count != null && name.equals("<init>") && !synthetic.isInterface()) {
        next = new ConstructorEndHook(next, className, count, changed);
      }
      if (!ruledClasses.isEmpty()) {
        next = new ConstructionSites(next, className, ruledClasses, synthetic, skipped, changed);
      }
      return CodeAttributes.dropUnknown(next);
    }

    private @Nullable SingletonTarget factoryTarget(int access, String name, String descriptor) {
      for (SingletonTarget target : methods) {
        if (!target.isMethod(className, name, descriptor)) {
          continue;
        }
        if ((access & (Opcodes.ACC_ABSTRACT | Opcodes.ACC_NATIVE)) != 0
            || descriptor.endsWith(")V")
            || !synthetic.supported()) {
          skipped.skipped(
              target.ruleName(),
              className,
              "an abstract, native or void method, or one of an old interface, is not memoized");
          return null;
        }
        return target;
      }
      return null;
    }

    private MethodVisitor split(
        SingletonTarget target,
        int access,
        String name,
        String descriptor,
        String signature,
        String[] exceptions) {
      boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
      String renamed = SyntheticMethods.PREFIX + "memoized$" + name;
      int bodyAccess =
          (access
                  & ~(Opcodes.ACC_PUBLIC
                      | Opcodes.ACC_PROTECTED
                      | Opcodes.ACC_VARARGS
                      | Opcodes.ACC_BRIDGE))
              | Opcodes.ACC_PRIVATE
              | Opcodes.ACC_SYNTHETIC;
      MethodVisitor body = super.visitMethod(bodyAccess, renamed, descriptor, null, exceptions);
      MethodVisitor wrapper =
          super.visitMethod(
              access & ~Opcodes.ACC_SYNCHRONIZED, name, descriptor, signature, exceptions);
      RuleMatches.mark(target.ruleId());
      changed[0] = true;
      return new FactorySplitter(
          body,
          wrapper,
          new Runnable() {
            @Override
            public void run() {
              synthetic.emitMemoized(wrapper, target, isStatic, renamed, name, descriptor);
            }
          });
    }

    @Override
    public void visitEnd() {
      synthetic.emitAll(cv);
      super.visitEnd();
    }
  }
}
