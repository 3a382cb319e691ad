package io.heapwarden.corpus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.FieldInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.IincInsnNode;
import org.objectweb.asm.tree.InsnNode;
import org.objectweb.asm.tree.IntInsnNode;
import org.objectweb.asm.tree.InvokeDynamicInsnNode;
import org.objectweb.asm.tree.JumpInsnNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;
import org.objectweb.asm.tree.LookupSwitchInsnNode;
import org.objectweb.asm.tree.MethodInsnNode;
import org.objectweb.asm.tree.MethodNode;
import org.objectweb.asm.tree.MultiANewArrayInsnNode;
import org.objectweb.asm.tree.TableSwitchInsnNode;
import org.objectweb.asm.tree.TryCatchBlockNode;
import org.objectweb.asm.tree.TypeInsnNode;
import org.objectweb.asm.tree.VarInsnNode;

/**
 * Compares a class before and after the field-write rewrite, method by method: with the inserted
 * hook calls taken out, every instruction, jump target and exception handler must be as before; and
 * each store's hook must be there exactly when the store resolves to a ruled field of a type the
 * agent bounds, carrying that field's rule id.
 */
final class StoreCheck {
  static final String HOOK_NAME = "onFieldWrite";
  static final String HOOK_DESCRIPTOR = "(Ljava/lang/Object;IZ)Ljava/lang/Object;";
  static final String HOOK_OWNER = "io/heapwarden/bootstrap/collections/CollectionHooks";

  /** Counted over the class. */
  int hookedStores;

  final List<String> problems = new ArrayList<>();

  /** Hooked stores by where they are (a constructor before super(...), a lambda body, ...). */
  final Map<String, Integer> storesByPlace = new java.util.TreeMap<>();

  /** The rewritten class's flavors ({@link ClassFlavor}). */
  List<String> flavors = List.of();

  /**
   * @param expectedRule for a store's owner, name and descriptor: the rule id its hook must carry,
   *     or null when it must stay as it is
   */
  void compare(byte[] original, byte[] rewritten, Function<FieldInsnNode, Integer> expectedRule) {
    ClassNode before = node(original);
    ClassNode after = node(rewritten);
    flavors = ClassFlavor.of(before);
    if (before.methods.size() != after.methods.size()) {
      problems.add("methods added or removed");
      return;
    }
    for (int i = 0; i < before.methods.size(); i++) {
      MethodNode was = before.methods.get(i);
      MethodNode is = after.methods.get(i);
      if (!(was.name + was.desc).equals(is.name + is.desc) || was.access != is.access) {
        problems.add("method " + was.name + was.desc + " renamed or its access changed");
        continue;
      }
      compare(was, is, expectedRule);
    }
  }

  private void compare(
      MethodNode was, MethodNode is, Function<FieldInsnNode, Integer> expectedRule) {
    String where = was.name + was.desc;
    List<AbstractInsnNode> before = real(was);
    List<AbstractInsnNode> after = real(is);
    Map<LabelNode, Integer> beforeLabels = labels(was, Set.of());
    boolean[] inserted = new boolean[after.size()];
    Set<AbstractInsnNode> insertedNodes = Collections.newSetFromMap(new IdentityHashMap<>());
    IdentityHashMap<AbstractInsnNode, Integer> hookRule = new IdentityHashMap<>();
    for (int k = 0; k + 4 < after.size(); k++) {
      if (isHook(after, k)) {
        Arrays.fill(inserted, k, k + 4, true);
        hookRule.put(after.get(k + 4), (Integer) ((LdcInsnNode) after.get(k)).cst);
        k += 3;
      }
    }
    List<AbstractInsnNode> kept = new ArrayList<>();
    for (int k = 0; k < after.size(); k++) {
      if (inserted[k]) {
        insertedNodes.add(after.get(k));
      } else {
        kept.add(after.get(k));
      }
    }
    Map<LabelNode, Integer> afterLabels = labels(is, insertedNodes);
    if (kept.size() != before.size()) {
      problems.add(where + ": " + (kept.size() - before.size()) + " instructions more than before");
      return;
    }
    for (int k = 0; k < before.size(); k++) {
      String expected = describe(before.get(k), beforeLabels);
      String actual = describe(kept.get(k), afterLabels);
      if (!expected.equals(actual)) {
        problems.add(where + ": instruction " + k + " was " + expected + ", is " + actual);
        return;
      }
      if (before.get(k) instanceof FieldInsnNode store
          && (store.getOpcode() == Opcodes.PUTFIELD || store.getOpcode() == Opcodes.PUTSTATIC)) {
        Integer want = expectedRule.apply(store);
        Integer got = hookRule.get(kept.get(k));
        if (want == null ? got != null : !want.equals(got)) {
          problems.add(
              where
                  + ": store "
                  + store.owner
                  + "."
                  + store.name
                  + " hooked with rule "
                  + got
                  + ", expected "
                  + want);
        }
        if (got != null) {
          hookedStores++;
          storesByPlace.merge(place(was, before, k), 1, Integer::sum);
        }
      }
    }
    if (!tryCatch(was, beforeLabels).equals(tryCatch(is, afterLabels))) {
      problems.add(where + ": exception handlers changed");
    }
  }

  /** Where the store at {@code k} is, for the report. */
  private static String place(MethodNode method, List<AbstractInsnNode> code, int k) {
    if (method.name.equals("<clinit>")) {
      return "in <clinit>";
    }
    if (method.name.startsWith("lambda$") || method.name.contains("$lambda")) {
      return "in a lambda body";
    }
    if (!method.name.equals("<init>")) {
      return "in another method";
    }
    int openNews = 0;
    for (int i = 0; i < k; i++) {
      AbstractInsnNode node = code.get(i);
      if (node.getOpcode() == Opcodes.NEW) {
        openNews++;
      } else if (node instanceof MethodInsnNode call
          && call.getOpcode() == Opcodes.INVOKESPECIAL
          && call.name.equals("<init>")) {
        if (openNews == 0) {
          return "in a constructor, after super(...) or this(...)";
        }
        openNews--;
      }
    }
    return "in a constructor, before super(...) or this(...)";
  }

  /** The four inserted instructions at {@code k}, before the store at {@code k + 4}. */
  private static boolean isHook(List<AbstractInsnNode> code, int k) {
    return code.get(k) instanceof LdcInsnNode ldc
        && ldc.cst instanceof Integer
        && code.get(k + 1) instanceof InsnNode lru
        && (lru.getOpcode() == Opcodes.ICONST_0 || lru.getOpcode() == Opcodes.ICONST_1)
        && code.get(k + 2) instanceof MethodInsnNode call
        && call.getOpcode() == Opcodes.INVOKESTATIC
        && call.owner.equals(HOOK_OWNER)
        && call.name.equals(HOOK_NAME)
        && call.desc.equals(HOOK_DESCRIPTOR)
        && code.get(k + 3) instanceof TypeInsnNode cast
        && cast.getOpcode() == Opcodes.CHECKCAST
        && code.get(k + 4) instanceof FieldInsnNode store
        && (store.getOpcode() == Opcodes.PUTFIELD || store.getOpcode() == Opcodes.PUTSTATIC)
        && cast.desc.equals(org.objectweb.asm.Type.getType(store.desc).getInternalName());
  }

  private static ClassNode node(byte[] classFile) {
    ClassNode node = new ClassNode();
    new ClassReader(classFile).accept(node, 0);
    return node;
  }

  /** The instructions without labels, line numbers and frames. */
  private static List<AbstractInsnNode> real(MethodNode method) {
    List<AbstractInsnNode> code = new ArrayList<>();
    for (AbstractInsnNode node : method.instructions) {
      if (!(node instanceof LabelNode
          || node instanceof LineNumberNode
          || node instanceof FrameNode)) {
        code.add(node);
      }
    }
    return code;
  }

  /**
   * Each label's position: the number of original instructions before it (inserted ones do not
   * count: a label before a hook is a label before its store).
   */
  private static Map<LabelNode, Integer> labels(MethodNode method, Set<AbstractInsnNode> inserted) {
    Map<LabelNode, Integer> positions = new HashMap<>();
    int position = 0;
    for (AbstractInsnNode node : method.instructions) {
      if (node instanceof LabelNode label) {
        positions.put(label, position);
      } else if (!(node instanceof LineNumberNode
          || node instanceof FrameNode
          || inserted.contains(node))) {
        position++;
      }
    }
    return positions;
  }

  private static List<String> tryCatch(MethodNode method, Map<LabelNode, Integer> labels) {
    List<String> blocks = new ArrayList<>();
    for (TryCatchBlockNode block : method.tryCatchBlocks) {
      blocks.add(
          labels.get(block.start)
              + "-"
              + labels.get(block.end)
              + ">"
              + labels.get(block.handler)
              + ":"
              + block.type);
    }
    return blocks;
  }

  private static String describe(AbstractInsnNode node, Map<LabelNode, Integer> labels) {
    String op = Integer.toString(node.getOpcode());
    if (node instanceof VarInsnNode n) {
      return op + " " + n.var;
    } else if (node instanceof IntInsnNode n) {
      return op + " " + n.operand;
    } else if (node instanceof LdcInsnNode n) {
      return op + " " + n.cst.getClass().getSimpleName() + " " + n.cst;
    } else if (node instanceof TypeInsnNode n) {
      return op + " " + n.desc;
    } else if (node instanceof FieldInsnNode n) {
      return op + " " + n.owner + "." + n.name + ":" + n.desc;
    } else if (node instanceof MethodInsnNode n) {
      return op + " " + n.owner + "." + n.name + n.desc + " " + n.itf;
    } else if (node instanceof InvokeDynamicInsnNode n) {
      return op + " " + n.name + n.desc + " " + n.bsm + " " + Arrays.toString(n.bsmArgs);
    } else if (node instanceof JumpInsnNode n) {
      return op + " -> " + labels.get(n.label);
    } else if (node instanceof IincInsnNode n) {
      return op + " " + n.var + " " + n.incr;
    } else if (node instanceof TableSwitchInsnNode n) {
      StringBuilder text = new StringBuilder(op + " " + n.min + ".." + n.max + " default ");
      text.append(labels.get(n.dflt));
      n.labels.forEach(l -> text.append(' ').append(labels.get(l)));
      return text.toString();
    } else if (node instanceof LookupSwitchInsnNode n) {
      StringBuilder text = new StringBuilder(op + " " + n.keys + " default ");
      text.append(labels.get(n.dflt));
      n.labels.forEach(l -> text.append(' ').append(labels.get(l)));
      return text.toString();
    } else if (node instanceof MultiANewArrayInsnNode n) {
      return op + " " + n.desc + " " + n.dims;
    }
    return op;
  }
}
