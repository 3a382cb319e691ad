package io.heapwarden.agent.instrument;

/**
 * Walks a class file's constant pool without parsing the rest of the class. Any malformed or
 * unknown input answers {@code true}, so the full parser (which reports errors properly) decides.
 */
final class ConstantPoolScanner {
  private static final int UTF8 = 1;
  private static final int INTEGER = 3;
  private static final int FLOAT = 4;
  private static final int LONG = 5;
  private static final int DOUBLE = 6;
  private static final int CLASS = 7;
  private static final int STRING = 8;
  private static final int FIELD_REF = 9;
  private static final int METHOD_REF = 10;
  private static final int INTERFACE_METHOD_REF = 11;
  private static final int NAME_AND_TYPE = 12;
  private static final int METHOD_HANDLE = 15;
  private static final int METHOD_TYPE = 16;
  private static final int DYNAMIC = 17;
  private static final int INVOKE_DYNAMIC = 18;
  private static final int MODULE = 19;
  private static final int PACKAGE = 20;

  private ConstantPoolScanner() {}

  /**
   * Whether the pool holds one of {@code classNames} as a string, or a field or method reference (a
   * name-and-type entry) to one of {@code fieldNames} or {@code methodNames}. The second check
   * walks the pool again, and allocates, only for the rare class that holds a member's name at all.
   */
  static boolean mentions(
      byte[] b, Utf8NeedleSet classNames, Utf8NeedleSet fieldNames, Utf8NeedleSet methodNames) {
    try {
      int count = u2(b, 8);
      int p = 10;
      boolean memberName = false;
      for (int i = 1; i < count; i++) {
        int tag = b[p];
        if (tag == UTF8) {
          int length = u2(b, p + 1);
          if (classNames.contains(b, p + 3, length)) {
            return true;
          }
          memberName |=
              fieldNames.contains(b, p + 3, length) || methodNames.contains(b, p + 3, length);
        }
        int size = entrySize(b, p, tag);
        if (size < 0) {
          return true;
        }
        p += size;
        if (tag == LONG || tag == DOUBLE) {
          i++;
        }
      }
      return memberName && referencesMember(b, count, fieldNames, methodNames);
    } catch (ArrayIndexOutOfBoundsException truncated) {
      return true;
    }
  }

  /** Whether a name-and-type entry names a ruled field (of a class type) or a ruled method. */
  private static boolean referencesMember(
      byte[] b, int count, Utf8NeedleSet fieldNames, Utf8NeedleSet methodNames) {
    int[] utf8At = new int[count];
    int[] nameAndTypeAt = new int[count];
    int nameAndTypes = 0;
    int p = 10;
    for (int i = 1; i < count; i++) {
      int tag = b[p];
      if (tag == UTF8) {
        utf8At[i] = p;
      } else if (tag == NAME_AND_TYPE) {
        nameAndTypeAt[nameAndTypes++] = p;
      }
      p += entrySize(b, p, tag);
      if (tag == LONG || tag == DOUBLE) {
        i++;
      }
    }
    for (int n = 0; n < nameAndTypes; n++) {
      int name = utf8At[u2(b, nameAndTypeAt[n] + 1)];
      int descriptor = utf8At[u2(b, nameAndTypeAt[n] + 3)];
      if (name == 0 || descriptor == 0 || u2(b, descriptor + 1) == 0) {
        return true; // malformed: the full parser decides
      }
      byte type = b[descriptor + 3];
      // A ruled field holds a collection: a field of a primitive or array type is another field.
      Utf8NeedleSet names = type == '(' ? methodNames : type == 'L' ? fieldNames : null;
      if (names != null && names.contains(b, name + 3, u2(b, name + 1))) {
        return true;
      }
    }
    return false;
  }

  /** The size of the entry at {@code p}, or -1 for a tag this walk does not know. */
  private static int entrySize(byte[] b, int p, int tag) {
    return switch (tag) {
      case UTF8 -> 3 + u2(b, p + 1);
      case CLASS, STRING, METHOD_TYPE, MODULE, PACKAGE -> 3;
      case METHOD_HANDLE -> 4;
      case INTEGER,
          FLOAT,
          FIELD_REF,
          METHOD_REF,
          INTERFACE_METHOD_REF,
          NAME_AND_TYPE,
          DYNAMIC,
          INVOKE_DYNAMIC ->
          5;
      case LONG, DOUBLE -> 9;
      default -> -1;
    };
  }

  private static int u2(byte[] b, int p) {
    return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
  }
}
