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

  static boolean containsAny(byte[] b, Utf8NeedleSet needles) {
    try {
      int count = u2(b, 8);
      int p = 10;
      for (int i = 1; i < count; i++) {
        int tag = b[p];
        switch (tag) {
          case UTF8 -> {
            int length = u2(b, p + 1);
            if (needles.contains(b, p + 3, length)) {
              return true;
            }
            p += 3 + length;
          }
          case CLASS, STRING, METHOD_TYPE, MODULE, PACKAGE -> p += 3;
          case METHOD_HANDLE -> p += 4;
          case INTEGER,
              FLOAT,
              FIELD_REF,
              METHOD_REF,
              INTERFACE_METHOD_REF,
              NAME_AND_TYPE,
              DYNAMIC,
              INVOKE_DYNAMIC ->
              p += 5;
          case LONG, DOUBLE -> {
            p += 9;
            i++;
          }
          default -> {
            return true;
          }
        }
      }
      return false;
    } catch (ArrayIndexOutOfBoundsException truncated) {
      return true;
    }
  }

  private static int u2(byte[] b, int p) {
    return ((b[p] & 0xFF) << 8) | (b[p + 1] & 0xFF);
  }
}
