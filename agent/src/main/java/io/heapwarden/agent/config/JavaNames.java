package io.heapwarden.agent.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Parses the class, field and method names that rules target.
 *
 * <p>Class names are binary names as {@link Class#getName()} prints them ({@code
 * com.example.Outer$Inner}); the source form {@code com.example.Outer.Inner} works too: after the
 * first segment that starts with an upper-case letter, further dots mean nesting. Fields are {@code
 * the.Class.field}; methods are {@code the.Class.method(param.Type, ...)} with primitive and array
 * parameter types ({@code int}, {@code byte[]}, {@code java.lang.String[]}). Every segment must be
 * a Java identifier.
 */
public final class JavaNames {
  private static final String CLASS_HINT =
      "write the class's name, e.g. com.example.Outer$Inner or com.example.Outer.Inner";
  private static final String FIELD_HINT =
      "write the.Class.field, e.g. com.example.ResponseCache.entries";
  private static final String PACKAGE_HINT =
      "write Java package names, e.g. packages: [com.example, org.acme.shop]";
  private static final String METHOD_HINT =
      "write the.Class.method(param.Type, ...), e.g. com.example.Models.load(java.lang.String);"
          + " write () for no parameters";

  private static final Set<String> PRIMITIVES =
      Set.of("boolean", "byte", "char", "short", "int", "long", "float", "double");

  private static final Set<String> JAVA_LANG =
      Set.of(
          "String",
          "Object",
          "CharSequence",
          "Integer",
          "Long",
          "Boolean",
          "Byte",
          "Short",
          "Character",
          "Float",
          "Double",
          "Number",
          "Class",
          "Runnable");

  private static final Set<String> KEYWORDS =
      Set.of(
          "abstract",
          "assert",
          "boolean",
          "break",
          "byte",
          "case",
          "catch",
          "char",
          "class",
          "const",
          "continue",
          "default",
          "do",
          "double",
          "else",
          "enum",
          "extends",
          "final",
          "finally",
          "float",
          "for",
          "goto",
          "if",
          "implements",
          "import",
          "instanceof",
          "int",
          "interface",
          "long",
          "native",
          "new",
          "package",
          "private",
          "protected",
          "public",
          "return",
          "short",
          "static",
          "strictfp",
          "super",
          "switch",
          "synchronized",
          "this",
          "throw",
          "throws",
          "transient",
          "try",
          "void",
          "volatile",
          "while",
          "true",
          "false",
          "null",
          "_");

  private JavaNames() {}

  /**
   * Parses a class name into its binary name: {@code com.example.Outer.Inner} gives {@code
   * Outer$Inner}.
   */
  public static String parseClassName(String text) throws ConfigValueException {
    String name = text.trim();
    String problem = segmentProblem(split(name), 0);
    if (problem != null) {
      throw new ConfigValueException(
          shownName(text) + " is not a class name: " + problem, CLASS_HINT);
    }
    return binaryName(split(name));
  }

  /**
   * Parses comma-separated Java package names ({@code com.example, org.acme.shop}): each segment a
   * Java identifier, no keyword, at least one package.
   */
  public static List<String> parsePackages(String text) throws ConfigValueException {
    List<String> packages = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      String name = part.trim();
      String problem = segmentProblem(split(name), 1);
      if (problem != null) {
        throw new ConfigValueException(
            shownName(name) + " is not a package name: " + problem, PACKAGE_HINT);
      }
      packages.add(name);
    }
    return packages;
  }

  /** Parses {@code the.Class.field}. */
  public static FieldRef parseField(String text) throws ConfigValueException {
    String name = text.trim();
    if (name.indexOf('(') >= 0) {
      throw new ConfigValueException(
          shownName(text) + " is not a field name: a field takes no parentheses", FIELD_HINT);
    }
    List<String> segments = split(name);
    String problem = segmentProblem(segments, 2);
    if (problem != null) {
      throw new ConfigValueException(
          shownName(text) + " is not a field name: " + problem, FIELD_HINT);
    }
    String field = segments.remove(segments.size() - 1);
    return new FieldRef(binaryName(segments), field);
  }

  /** Parses {@code the.Class.method(param.Type, ...)}. */
  public static MethodRef parseMethod(String text) throws ConfigValueException {
    String name = text.trim();
    int open = name.indexOf('(');
    if (open < 0 || !name.endsWith(")")) {
      throw new ConfigValueException(
          shownName(text) + " is not a method: expected the.Class.method(param.Type, ...)",
          METHOD_HINT);
    }
    List<String> segments = split(name.substring(0, open));
    String problem = segmentProblem(segments, 2);
    if (problem != null) {
      String hint =
          segments.get(segments.size() - 1).startsWith("<")
              ? "to share constructed instances, use class: instead of method:"
              : METHOD_HINT;
      throw new ConfigValueException(shownName(text) + " is not a method: " + problem, hint);
    }
    String method = segments.remove(segments.size() - 1);
    String inside = name.substring(open + 1, name.length() - 1);
    List<String> parameters = new ArrayList<>();
    if (!inside.isBlank()) {
      int start = 0;
      while (true) {
        int comma = inside.indexOf(',', start);
        String parameter = inside.substring(start, comma < 0 ? inside.length() : comma).trim();
        parameters.add(parseParameterType(text, parameter, parameters.size() + 1));
        if (comma < 0) {
          break;
        }
        start = comma + 1;
      }
    }
    return new MethodRef(binaryName(segments), method, parameters);
  }

  private static String parseParameterType(String method, String type, int number)
      throws ConfigValueException {
    if (type.isEmpty()) {
      throw new ConfigValueException(
          notAMethod(method) + "parameter " + number + " is empty", METHOD_HINT);
    }
    if (type.indexOf('<') >= 0) {
      throw new ConfigValueException(
          notAMethod(method) + "parameter type '" + type + "' has type arguments",
          "leave them out: " + type.substring(0, type.indexOf('<')).trim());
    }
    if (type.indexOf(' ') >= 0) {
      throw new ConfigValueException(
          notAMethod(method) + "'" + type + "' is not a type",
          "list the parameter types only, without names, e.g. (java.lang.String, int)");
    }
    String base = type;
    while (base.endsWith("[]")) {
      base = base.substring(0, base.length() - 2);
    }
    if (PRIMITIVES.contains(base)) {
      return type;
    }
    List<String> segments = split(base);
    String problem = segmentProblem(segments, 0);
    if (problem != null) {
      throw new ConfigValueException(
          notAMethod(method) + "parameter type '" + type + "': " + problem, METHOD_HINT);
    }
    if (segments.size() == 1) {
      throw new ConfigValueException(
          notAMethod(method) + "parameter type '" + type + "' is not fully qualified",
          JAVA_LANG.contains(base)
              ? "write java.lang." + type
              : "write its full name, e.g. com.example." + type);
    }
    return binaryName(segments).concat(type.substring(base.length()));
  }

  private static String notAMethod(String method) {
    return shownName(method) + " is not a method: ";
  }

  /**
   * What is wrong with these dot-separated segments, or null: fewer than {@code minimum}, an empty
   * one, or one that is not a Java identifier.
   */
  private static @Nullable String segmentProblem(List<String> segments, int minimum) {
    if (segments.size() == 1 && segments.get(0).isEmpty()) {
      return "it is empty";
    }
    for (String segment : segments) {
      if (segment.isEmpty()) {
        return "it has an empty part between dots";
      }
      if (KEYWORDS.contains(segment)) {
        return "'" + segment + "' is a Java keyword";
      }
      if (!isIdentifier(segment)) {
        return "'" + segment + "' is not a Java identifier";
      }
    }
    if (segments.size() < minimum) {
      return "it names no class";
    }
    return null;
  }

  /** Whether {@code s} is a Java identifier (keywords aside). */
  public static boolean isIdentifier(String s) {
    if (s.isEmpty() || !Character.isJavaIdentifierStart(s.codePointAt(0))) {
      return false;
    }
    for (int i = Character.charCount(s.codePointAt(0)); i < s.length(); ) {
      int cp = s.codePointAt(i);
      if (!Character.isJavaIdentifierPart(cp)) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  /** Joins segments into a binary name: dots up to the first upper-case segment, then {@code $}. */
  private static String binaryName(List<String> segments) {
    StringBuilder name = new StringBuilder();
    boolean nested = false;
    for (String segment : segments) {
      if (name.length() > 0) {
        name.append(nested ? '$' : '.');
      }
      name.append(segment);
      if (Character.isUpperCase(segment.codePointAt(0))) {
        nested = true;
      }
    }
    return name.toString();
  }

  private static List<String> split(String name) {
    List<String> segments = new ArrayList<>();
    int start = 0;
    while (true) {
      int dot = name.indexOf('.', start);
      if (dot < 0) {
        segments.add(name.substring(start));
        return segments;
      }
      segments.add(name.substring(start, dot));
      start = dot + 1;
    }
  }

  private static String shownName(String text) {
    return "'" + text + "'";
  }
}
