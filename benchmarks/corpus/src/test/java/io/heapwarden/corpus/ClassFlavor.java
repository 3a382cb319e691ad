package io.heapwarden.corpus;

import java.util.ArrayList;
import java.util.List;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AnnotationNode;
import org.objectweb.asm.tree.ClassNode;

/**
 * What made a class, or what kind of class it is, as far as its class file tells: the compiler
 * (Kotlin, Scala, Groovy; javac otherwise) and the kinds the issue names (records, enums,
 * interfaces). The corpus report counts rewritten classes by these.
 */
final class ClassFlavor {
  private ClassFlavor() {}

  static List<String> of(ClassNode node) {
    List<String> flavors = new ArrayList<>();
    if (annotated(node, "Lkotlin/Metadata;")) {
      flavors.add("Kotlin");
    } else if (annotated(node, "Lscala/reflect/ScalaSignature;")
        || annotated(node, "Lscala/reflect/ScalaLongSignature;")
        || (node.attrs != null
            && node.attrs.stream()
                .anyMatch(a -> a.type.equals("Scala") || a.type.equals("ScalaSig")))) {
      flavors.add("Scala");
    } else if (node.interfaces.contains("groovy/lang/GroovyObject")) {
      flavors.add("Groovy");
    } else {
      flavors.add("Java (or another compiler)");
    }
    if ((node.access & Opcodes.ACC_INTERFACE) != 0) {
      flavors.add("interface");
    }
    if ((node.access & Opcodes.ACC_ENUM) != 0) {
      flavors.add("enum");
    }
    if ("java/lang/Record".equals(node.superName)) {
      flavors.add("record");
    }
    if (node.name.contains("$$")) {
      flavors.add("generated ($$ in its name)");
    }
    return flavors;
  }

  private static boolean annotated(ClassNode node, String descriptor) {
    for (List<AnnotationNode> annotations :
        List.of(listOf(node.visibleAnnotations), listOf(node.invisibleAnnotations))) {
      for (AnnotationNode annotation : annotations) {
        if (annotation.desc.equals(descriptor)) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<AnnotationNode> listOf(List<AnnotationNode> annotations) {
    return annotations == null ? List.of() : annotations;
  }
}
