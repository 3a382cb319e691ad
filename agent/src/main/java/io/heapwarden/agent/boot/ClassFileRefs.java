package io.heapwarden.agent.boot;

import java.util.ArrayList;
import java.util.List;

/**
 * What a bootstrap class file names of the other bootstrap classes, read from its constant pool
 * without parsing the rest: every {@code io/heapwarden/bootstrap/...} (or dotted) name in a UTF-8
 * constant, which covers class references, descriptors, signatures and string constants; and its
 * supertypes, which must be defined before it.
 */
final class ClassFileRefs {
  static final String BOOTSTRAP_PACKAGE = "io/heapwarden/bootstrap/";
  private static final byte[] SLASHED =
      BOOTSTRAP_PACKAGE.getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** Candidate class names (internal form); some may name a package or a member, not a class. */
  final List<String> mentioned = new ArrayList<>();

  /** The superclass and interfaces, internal names. */
  final List<String> supertypes = new ArrayList<>(4);

  private ClassFileRefs() {}

  static ClassFileRefs of(byte[] b) {
    ClassFileRefs refs = new ClassFileRefs();
    int count = u2(b, 8);
    int[] utf8At = new int[count];
    int[] classNameIndex = new int[count];
    int at = 10;
    for (int i = 1; i < count; i++) {
      int tag = b[at] & 0xff;
      switch (tag) {
        case 1: // Utf8
          utf8At[i] = at;
          int length = u2(b, at + 1);
          refs.scan(b, at + 3, at + 3 + length);
          at += 3 + length;
          break;
        case 7: // Class
          classNameIndex[i] = u2(b, at + 1);
          at += 3;
          break;
        case 3:
        case 4:
        case 9:
        case 10:
        case 11:
        case 12:
        case 17:
        case 18:
          at += 5;
          break;
        case 5:
        case 6: // Long, Double: two slots
          at += 9;
          i++;
          break;
        case 8:
        case 16:
        case 19:
        case 20:
          at += 3;
          break;
        case 15:
          at += 4;
          break;
        default:
          throw new IllegalArgumentException("unknown constant pool tag " + tag);
      }
    }
    int superIndex = u2(b, at + 4);
    if (superIndex != 0) {
      refs.supertypes.add(utf8(b, utf8At[classNameIndex[superIndex]]));
    }
    int interfaces = u2(b, at + 6);
    for (int i = 0; i < interfaces; i++) {
      refs.supertypes.add(utf8(b, utf8At[classNameIndex[u2(b, at + 8 + 2 * i)]]));
    }
    return refs;
  }

  /** Adds each name starting with the bootstrap package (slashed or dotted) in b[from, to). */
  private void scan(byte[] b, int from, int to) {
    for (int i = from; i + SLASHED.length <= to; i++) {
      if (!startsWithPackage(b, i)) {
        continue;
      }
      int end = i + SLASHED.length;
      while (end < to && isNamePart(b[end])) {
        end++;
      }
      char[] name = new char[end - i];
      for (int k = 0; k < name.length; k++) {
        char c = (char) b[i + k];
        name[k] = c == '.' ? '/' : c;
      }
      mentioned.add(new String(name));
      i = end - 1;
    }
  }

  private static boolean startsWithPackage(byte[] b, int at) {
    for (int k = 0; k < SLASHED.length; k++) {
      byte expected = SLASHED[k];
      byte actual = b[at + k];
      if (actual != expected && !(expected == '/' && actual == '.')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isNamePart(byte c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '$'
        || c == '/'
        || c == '.';
  }

  private static String utf8(byte[] b, int at) {
    int length = u2(b, at + 1);
    char[] name = new char[length];
    for (int k = 0; k < length; k++) {
      name[k] = (char) b[at + 3 + k]; // class names of interest are ASCII
    }
    return new String(name);
  }

  private static int u2(byte[] b, int at) {
    return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
  }
}
