package io.heapwarden.agent.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JavaNamesTest {

  @ParameterizedTest
  @CsvSource({
    "com.example.Cache, com.example.Cache",
    "com.example.Outer$Inner, com.example.Outer$Inner",
    "com.example.Outer.Inner, com.example.Outer$Inner",
    "com.example.Outer.Inner.Deeper, com.example.Outer$Inner$Deeper",
    "com.example.Outer$Inner.Deeper, com.example.Outer$Inner$Deeper",
    "Cache, Cache",
    "Outer.Inner, Outer$Inner",
    "com.example.v2.lower.Cache, com.example.v2.lower.Cache",
    "com.example.Outer$1, com.example.Outer$1",
    "_internal.$Proxy12, _internal.$Proxy12",
    "com.exämple.Größe, com.exämple.Größe",
  })
  void parsesClassNamesWithNestingAfterTheFirstUpperCaseSegment(String text, String binary)
      throws Exception {
    assertThat(JavaNames.parseClassName(text)).isEqualTo(binary);
  }

  @Test
  void rejectsMalformedClassNames() {
    assertThatThrownBy(() -> JavaNames.parseClassName("com.example.9db.Connection"))
        .hasMessage(
            "'com.example.9db.Connection' is not a class name: '9db' is not a Java identifier");
    assertThatThrownBy(() -> JavaNames.parseClassName("com..Cache"))
        .hasMessage("'com..Cache' is not a class name: it has an empty part between dots");
    assertThatThrownBy(() -> JavaNames.parseClassName("com.example.Cache."))
        .hasMessage("'com.example.Cache.' is not a class name: it has an empty part between dots");
    assertThatThrownBy(() -> JavaNames.parseClassName("com/example/Cache"))
        .hasMessage(
            "'com/example/Cache' is not a class name: 'com/example/Cache' is not a Java"
                + " identifier");
    assertThatThrownBy(() -> JavaNames.parseClassName("com.example.Foo.class"))
        .hasMessage("'com.example.Foo.class' is not a class name: 'class' is a Java keyword");
    assertThatThrownBy(() -> JavaNames.parseClassName(""))
        .hasMessage("'' is not a class name: it is empty")
        .extracting(e -> ((ConfigValueException) e).hint())
        .isEqualTo(
            "write the class's name, e.g. com.example.Outer$Inner or com.example.Outer.Inner");
  }

  @Test
  void parsesFields() throws Exception {
    assertThat(JavaNames.parseField("com.example.chat.ResponseCache.entries"))
        .isEqualTo(new FieldRef("com.example.chat.ResponseCache", "entries"));
    assertThat(JavaNames.parseField("com.example.Registry.CACHE"))
        .isEqualTo(new FieldRef("com.example.Registry", "CACHE"));
    assertThat(JavaNames.parseField("com.example.Outer.Inner.entries"))
        .isEqualTo(new FieldRef("com.example.Outer$Inner", "entries"));
    assertThat(JavaNames.parseField("com.example.Outer$Inner.entries"))
        .isEqualTo(new FieldRef("com.example.Outer$Inner", "entries"));
    assertThat(JavaNames.parseField("Cache.entries")).isEqualTo(new FieldRef("Cache", "entries"));
  }

  @Test
  void rejectsMalformedFields() {
    assertThatThrownBy(() -> JavaNames.parseField("ResponseCache"))
        .hasMessage("'ResponseCache' is not a field name: it names no class");
    assertThatThrownBy(() -> JavaNames.parseField("com.example.Cache.entries()"))
        .hasMessage(
            "'com.example.Cache.entries()' is not a field name: a field takes no parentheses");
    assertThatThrownBy(() -> JavaNames.parseField("com.example.Cache.max-entries"))
        .hasMessage(
            "'com.example.Cache.max-entries' is not a field name: 'max-entries' is not a Java"
                + " identifier");
  }

  @Test
  void parsesMethodsWithPrimitiveArrayAndNestedParameterTypes() throws Exception {
    assertThat(JavaNames.parseMethod("com.example.ml.Models.load(java.lang.String)"))
        .isEqualTo(new MethodRef("com.example.ml.Models", "load", List.of("java.lang.String")));
    assertThat(JavaNames.parseMethod("com.example.ml.Models.create()"))
        .isEqualTo(new MethodRef("com.example.ml.Models", "create", List.of()));
    assertThat(
            JavaNames.parseMethod(
                "com.example.Outer.Factory.make(int, byte[], java.lang.String[][],"
                    + " java.util.Map.Entry,long)"))
        .isEqualTo(
            new MethodRef(
                "com.example.Outer$Factory",
                "make",
                List.of("int", "byte[]", "java.lang.String[][]", "java.util.Map$Entry", "long")));
  }

  @Test
  void printsMethodsAsTheyAreWritten() throws Exception {
    assertThat(JavaNames.parseMethod("a.B.m( int ,java.lang.String[] )").toString())
        .isEqualTo("a.B.m(int, java.lang.String[])");
  }

  @Test
  void rejectsMalformedMethods() {
    assertThatThrownBy(() -> JavaNames.parseMethod("com.example.Models.load"))
        .hasMessage(
            "'com.example.Models.load' is not a method: expected the.Class.method(param.Type,"
                + " ...)");
    assertThatThrownBy(() -> JavaNames.parseMethod("com.example.Models.load(java.lang.String"))
        .hasMessage(
            "'com.example.Models.load(java.lang.String' is not a method: expected"
                + " the.Class.method(param.Type, ...)");
    assertThatThrownBy(() -> JavaNames.parseMethod("load()"))
        .hasMessage("'load()' is not a method: it names no class");
    assertThatThrownBy(() -> JavaNames.parseMethod("a.B.load(String)"))
        .hasMessage(
            "'a.B.load(String)' is not a method: parameter type 'String' is not fully qualified")
        .extracting(e -> ((ConfigValueException) e).hint())
        .isEqualTo("write java.lang.String");
    assertThatThrownBy(() -> JavaNames.parseMethod("a.B.load(Config)"))
        .extracting(e -> ((ConfigValueException) e).hint())
        .isEqualTo("write its full name, e.g. com.example.Config");
    assertThatThrownBy(() -> JavaNames.parseMethod("a.B.load(int,)"))
        .hasMessage("'a.B.load(int,)' is not a method: parameter 2 is empty");
    assertThatThrownBy(() -> JavaNames.parseMethod("a.B.load(java.util.List<java.lang.String>)"))
        .hasMessage(
            "'a.B.load(java.util.List<java.lang.String>)' is not a method: parameter type"
                + " 'java.util.List<java.lang.String>' has type arguments")
        .extracting(e -> ((ConfigValueException) e).hint())
        .isEqualTo("leave them out: java.util.List");
    assertThatThrownBy(() -> JavaNames.parseMethod("a.B.load(java.lang.String name)"))
        .hasMessage(
            "'a.B.load(java.lang.String name)' is not a method: 'java.lang.String name' is not a type");
    assertThatThrownBy(() -> JavaNames.parseMethod("a.B.<init>()"))
        .hasMessage("'a.B.<init>()' is not a method: '<init>' is not a Java identifier")
        .extracting(e -> ((ConfigValueException) e).hint())
        .isEqualTo("to share constructed instances, use class: instead of method:");
    assertThatThrownBy(() -> JavaNames.parseMethod("a.B.m(in-t)"))
        .hasMessage(
            "'a.B.m(in-t)' is not a method: parameter type 'in-t': 'in-t' is not a Java identifier");
  }
}
