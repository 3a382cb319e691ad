package io.heapwarden.corpus;

import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.analysis.Analyzer;
import org.objectweb.asm.tree.analysis.AnalyzerException;
import org.objectweb.asm.tree.analysis.BasicValue;
import org.objectweb.asm.util.CheckClassAdapter;

/**
 * Verifies a class file as ASM can: {@link CheckClassAdapter}'s structural checks of every
 * instruction, then a type-checking data-flow analysis of every method with the corpus's class
 * hierarchy ({@link CorpusVerifier}). Answers null when it verifies, else the first problem.
 */
final class ClassChecks {
  /** The check could not be made: a supertype is outside the corpus and the JDK. */
  static final String MISSING = "missing supertype";

  private final Hierarchy hierarchy;

  ClassChecks(Hierarchy hierarchy) {
    this.hierarchy = hierarchy;
  }

  String problem(byte[] classFile) {
    ClassReader reader = new ClassReader(classFile);
    try {
      reader.accept(new CheckClassAdapter(Opcodes.ASM9, new ClassNode(), false) {}, 0);
    } catch (RuntimeException rejected) {
      return "CheckClassAdapter: " + rejected.getMessage();
    }
    ClassNode node = new ClassNode();
    reader.accept(node, 0);
    Hierarchy.Info current =
        new Hierarchy.Info(
            node.name,
            node.superName,
            node.interfaces,
            (node.access & Opcodes.ACC_INTERFACE) != 0,
            java.util.Map.of());
    for (MethodNode method : node.methods) {
      if (method.instructions.size() == 0) {
        continue;
      }
      try {
        new Analyzer<BasicValue>(new CorpusVerifier(hierarchy, current)).analyze(node.name, method);
      } catch (AnalyzerException rejected) {
        if (rejected.getCause() instanceof Hierarchy.Missing missing) {
          return MISSING + " " + missing.getMessage();
        }
        return "analyzer: " + method.name + method.desc + ": " + rejected.getMessage();
      } catch (Hierarchy.Missing missing) {
        return MISSING + " " + missing.getMessage();
      }
    }
    return null;
  }
}
