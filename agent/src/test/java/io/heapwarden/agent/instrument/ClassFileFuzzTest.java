package io.heapwarden.agent.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.heapwarden.agent.config.AgentConfig;
import io.heapwarden.agent.instrument.collections.CollectionTarget;
import io.heapwarden.agent.instrument.collections.FieldWriteRewriter;
import io.heapwarden.agent.instrument.singletons.SingletonRewriter;
import io.heapwarden.agent.instrument.singletons.SingletonTarget;
import io.heapwarden.agent.telemetry.Telemetry;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.Attribute;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.FieldVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.BasicVerifier;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Any class file through the agent's transformer, with a collection rule on every field it declares
 * and a singleton rule on the first class it constructs: the transformer never throws, and it
 * answers null (the class loads unchanged) or a class that verifies whenever the input did ({@link
 * CheckClassAdapter} and ASM's {@link BasicVerifier}, also after ASM's own unchanged round trip,
 * and the JVM does not refuse it). The constant-pool pre-check sees every input first. Seeds:
 * {@code ClassFileFuzzTestInputs/}, test fixtures and real classes from the corpus run (Kotlin,
 * Scala, Guava, Tomcat).
 */
class ClassFileFuzzTest {
  private static final Telemetry TELEMETRY = Telemetry.create(AgentConfig.defaults());

  @FuzzTest(maxDuration = "3m")
  void anyClassFileLoadsUnchangedOrVerifies(byte[] classFile) {
    byte[] input = classFile.clone();
    List<CollectionTarget> fields = new ArrayList<>();
    List<SingletonTarget> constructed = new ArrayList<>();
    Set<String> needles = new LinkedHashSet<>();
    String name = rules(input, fields, constructed, needles);
    HeapwardenTransformer transformer =
        new HeapwardenTransformer(
            TargetIndex.of(needles),
            List.of(
                new FieldWriteRewriter(fields, (target, type, reason) -> {}),
                new SingletonRewriter(constructed, List.of(), (rule, type, reason) -> {})),
            TELEMETRY);

    byte[] output = transformer.transform(null, name, null, null, input);

    assertThat(input).as("the input is not changed in place").isEqualTo(classFile);
    if (output != null
        && problem(classFile) == null
        && problem(asmRoundTrip(classFile)) == null
        && !lacksFramesTheJvmRequires(classFile)
        && !jvmRejects(classFile)) {
      assertThat(problem(output)).isNull();
    }
  }

  /**
   * The class read and written by ASM as the rewriters do, changing nothing. With frames in the
   * input, {@code COMPUTE_MAXS} takes the stack heights from them: an input whose stack-map frames
   * contradict its code (which the JVM refuses when it can link the class; found by fuzzing a class
   * whose superclass does not exist, so the JVM could not tell) comes out with too small a maximum
   * stack even unchanged, and is no test of the rewriters.
   */
  private static byte[] asmRoundTrip(byte[] classFile) {
    try {
      ClassReader reader = new ClassReader(classFile);
      ClassWriter writer = new ClassWriter(ClassWriter.COMPUTE_MAXS);
      reader.accept(withoutUnknownAttributes(writer), ClassReader.EXPAND_FRAMES);
      return writer.toByteArray();
    } catch (RuntimeException unreadable) {
      return classFile;
    }
  }

  /**
   * Whether a method of a class file of version 51 or later has a branch target or an exception
   * handler without a stack-map frame: the JVM refuses such a class (JVMS 4.10.1; from version 51
   * on it does not fall back to inference), and {@code COMPUTE_MAXS}, which reads the stack heights
   * from the frames from that version on, computes too small a maximum stack for it, changed or not
   * (found by fuzzing: a renamed {@code StackMapTable} attribute, in a class the JVM could not link
   * to refuse, as its name was not valid).
   */
  private static boolean lacksFramesTheJvmRequires(byte[] classFile) {
    try {
      ClassReader reader = new ClassReader(classFile);
      if (reader.readUnsignedShort(6) < Opcodes.V1_7) {
        return false;
      }
      boolean[] lacking = new boolean[1];
      reader.accept(
          new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(
                int access, String name, String descriptor, String signature, String[] ex) {
              return new FrameCheck(lacking);
            }
          },
          ClassReader.EXPAND_FRAMES);
      return lacking[0];
    } catch (RuntimeException unreadable) {
      return false;
    }
  }

  /** Collects branch targets and handlers, and the labels a frame was given at. */
  private static final class FrameCheck extends MethodVisitor {
    private final boolean[] lacking;
    private final Set<Label> targets = new HashSet<>();
    private final Set<Label> framed = new HashSet<>();
    private final List<Label> sinceLastInstruction = new ArrayList<>();

    FrameCheck(boolean[] lacking) {
      super(Opcodes.ASM9);
      this.lacking = lacking;
    }

    @Override
    public void visitLabel(Label label) {
      sinceLastInstruction.add(label);
    }

    @Override
    public void visitFrame(int type, int numLocal, Object[] local, int numStack, Object[] stack) {
      framed.addAll(sinceLastInstruction);
    }

    @Override
    public void visitTryCatchBlock(Label start, Label end, Label handler, String type) {
      targets.add(handler);
    }

    @Override
    public void visitJumpInsn(int opcode, Label label) {
      targets.add(label);
      sinceLastInstruction.clear();
    }

    @Override
    public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
      targets.add(dflt);
      targets.addAll(List.of(labels));
      sinceLastInstruction.clear();
    }

    @Override
    public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
      targets.add(dflt);
      targets.addAll(List.of(labels));
      sinceLastInstruction.clear();
    }

    @Override
    public void visitInsn(int opcode) {
      sinceLastInstruction.clear();
    }

    @Override
    public void visitIntInsn(int opcode, int operand) {
      sinceLastInstruction.clear();
    }

    @Override
    public void visitVarInsn(int opcode, int varIndex) {
      sinceLastInstruction.clear();
    }

    @Override
    public void visitTypeInsn(int opcode, String type) {
      sinceLastInstruction.clear();
    }

    @Override
    public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
      sinceLastInstruction.clear();
    }

    @Override
    public void visitMethodInsn(
        int opcode, String owner, String name, String descriptor, boolean isInterface) {
      sinceLastInstruction.clear();
    }

    @Override
    public void visitInvokeDynamicInsn(
        String name, String descriptor, Handle bootstrap, Object... arguments) {
      sinceLastInstruction.clear();
    }

    @Override
    public void visitLdcInsn(Object value) {
      sinceLastInstruction.clear();
    }

    @Override
    public void visitIincInsn(int varIndex, int increment) {
      sinceLastInstruction.clear();
    }

    @Override
    public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
      sinceLastInstruction.clear();
    }

    @Override
    public void visitEnd() {
      if (!framed.containsAll(targets)) {
        lacking[0] = true;
      }
    }
  }

  /** Drops the attributes ASM does not know, as the rewriters do ({@code CodeAttributes}). */
  private static ClassVisitor withoutUnknownAttributes(ClassVisitor next) {
    return new ClassVisitor(Opcodes.ASM9, next) {
      @Override
      public void visitAttribute(Attribute attribute) {}

      @Override
      public FieldVisitor visitField(
          int access, String name, String descriptor, String signature, Object value) {
        FieldVisitor field = super.visitField(access, name, descriptor, signature, value);
        return new FieldVisitor(Opcodes.ASM9, field) {
          @Override
          public void visitAttribute(Attribute attribute) {}
        };
      }

      @Override
      public MethodVisitor visitMethod(
          int access, String name, String descriptor, String signature, String[] exceptions) {
        MethodVisitor method = super.visitMethod(access, name, descriptor, signature, exceptions);
        return new MethodVisitor(Opcodes.ASM9, method) {
          @Override
          public void visitAttribute(Attribute attribute) {}
        };
      }
    };
  }

  /** The oracle's frame check passes what javac writes and catches a class without its frames. */
  @Test
  void theFrameCheckTellsAClassWithoutItsFramesFromWhatJavacWrites() throws IOException {
    byte[] javac;
    try (InputStream in =
        ClassFileFuzzTest.class.getResourceAsStream("ClassFileFuzzTest$FrameCheck.class")) {
      javac = Objects.requireNonNull(in).readAllBytes();
    }
    ClassWriter withoutFrames = new ClassWriter(0);
    new ClassReader(javac).accept(withoutFrames, ClassReader.SKIP_FRAMES);

    assertThat(lacksFramesTheJvmRequires(javac)).isFalse();
    assertThat(lacksFramesTheJvmRequires(withoutFrames.toByteArray())).isTrue();
  }

  /** Rules for what the class declares and constructs; its name, or a made-up one. */
  private static String rules(
      byte[] classFile,
      List<CollectionTarget> fields,
      List<SingletonTarget> constructed,
      Set<String> needles) {
    try {
      ClassReader reader = new ClassReader(classFile);
      String className = reader.getClassName();
      String name = className == null ? "fuzz/Unnamed" : className;
      reader.accept(
          new ClassVisitor(Opcodes.ASM9) {
            @Override
            public FieldVisitor visitField(
                int access, String field, String descriptor, String signature, Object value) {
              if (field == null) {
                return null; // a malformed class; a rule always names its field
              }
              int id = fields.size();
              fields.add(new CollectionTarget(id, "fuzz-" + id, name, field, id % 2 == 0));
              needles.add(name);
              needles.add(field);
              return null;
            }

            @Override
            public MethodVisitor visitMethod(
                int access, String method, String desc, String signature, String[] exceptions) {
              return new MethodVisitor(Opcodes.ASM9) {
                @Override
                public void visitTypeInsn(int opcode, String type) {
                  if (opcode == Opcodes.NEW && type != null && constructed.isEmpty()) {
                    constructed.add(SingletonTarget.forClass(1000, "fuzz-new", type, 0));
                    needles.add(type);
                  }
                }
              };
            }
          },
          0);
      return name;
    } catch (RuntimeException unparseable) {
      needles.add("fuzz/Unparseable");
      return "fuzz/Unparseable";
    }
  }

  /**
   * Whether the JVM refuses the class when it links it: such an input does not verify, even when
   * ASM's checks pass (they do not read stack-map frames). Unknown (false) when the class needs one
   * the test does not have.
   */
  private static boolean jvmRejects(byte[] classFile) {
    try {
      String name = new ClassReader(classFile).getClassName().replace('/', '.');
      ClassLoader loader =
          new ClassLoader(ClassFileFuzzTest.class.getClassLoader()) {
            @Override
            protected Class<?> findClass(String wanted) throws ClassNotFoundException {
              if (!wanted.equals(name)) {
                throw new ClassNotFoundException(wanted);
              }
              return defineClass(wanted, classFile, 0, classFile.length);
            }
          };
      Class.forName(name, false, loader).getDeclaredMethods(); // links, so the verifier runs
      return false;
    } catch (VerifyError | ClassFormatError rejected) {
      return true;
    } catch (RuntimeException | LinkageError | ClassNotFoundException unknown) {
      return false;
    }
  }

  /** Null when ASM verifies the class, else what it found. */
  private static String problem(byte[] classFile) {
    try {
      ClassReader reader = new ClassReader(classFile);
      reader.accept(new CheckClassAdapter(Opcodes.ASM9, new ClassNode(), false) {}, 0);
      ClassNode node = new ClassNode();
      reader.accept(node, 0);
      for (MethodNode method : node.methods) {
        if (method.instructions.size() > 0) {
          new Analyzer<>(new BasicVerifier()).analyze(node.name, method);
        }
      }
      return null;
    } catch (Exception | StackOverflowError rejected) {
      return String.valueOf(rejected);
    }
  }
}
