package io.heapwarden.bootstrap.size;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openjdk.jol.info.GraphLayout;

/** The estimate against JOL's measurement of the same objects in this JVM: within ±25%. */
class SizeEstimatorTest {
  record Message(String text, List<Integer> scores) {}

  static final class Session { // a service's own class: its fields are walked
    final String id;
    final long createdAt;
    final Map<String, String> attributes = new HashMap<>();
    final byte[] token;

    Session(String id, long createdAt, int tokenBytes) {
      this.id = id;
      this.createdAt = createdAt;
      this.token = new byte[tokenBytes];
    }
  }

  static Stream<Arguments> representativeContents() {
    Session session = new Session("session-42", 1L, 64);
    session.attributes.put("user", "alice");
    session.attributes.put("locale", "fr-FR");
    return Stream.of(
        Arguments.of("empty string", ""),
        Arguments.of("short Latin-1 string", "hello"),
        Arguments.of("Latin-1 string of 40", "a ResponseCache key of forty characters."),
        Arguments.of("Latin-1 string of 2000", "é".repeat(2000)),
        Arguments.of("non-Latin-1 string", "Grüße aus Kraków, こんにちは"),
        Arguments.of("non-Latin-1 string of 1000", "ж".repeat(1000)),
        Arguments.of("byte[0]", new byte[0]),
        Arguments.of("byte[7]", new byte[7]),
        Arguments.of("byte[4096]", new byte[4096]),
        Arguments.of("long[100]", new long[100]),
        Arguments.of("Integer", 123456),
        Arguments.of("Long", 123456789L),
        Arguments.of("Double", 1.5),
        Arguments.of(
            "record of a String and an ArrayList of Integers",
            new Message(
                "a chat message of some length", new ArrayList<>(List.of(1000, 2000, 3000)))),
        Arguments.of(
            "record of a String and a List.of Integers",
            new Message("hi", List.of(1000, 2000, 3000, 4000, 5000))),
        Arguments.of("String[] of ten strings", tenStrings()),
        Arguments.of("ArrayList of 100 strings", new ArrayList<>(Arrays.asList(hundredStrings()))),
        Arguments.of("HashMap of 50 entries", fiftyEntries()),
        Arguments.of("object with a map, a string and a byte array", session));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("representativeContents")
  void estimateIsWithinAQuarterOfJol(String what, Object value) {
    long measured = GraphLayout.parseInstance(value).totalSize();
    long estimated = SizeEstimator.estimate(value);
    assertThat((double) estimated)
        .as(what + ", JOL: " + measured)
        .isCloseTo(measured, within(0.25 * measured));
  }

  @Test
  void stringsCostTheirArrayByCoder() {
    long latin1 = SizeEstimator.estimate("x".repeat(1000));
    long utf16 = SizeEstimator.estimate("ж".repeat(1000));
    assertThat(utf16 - latin1).isBetween(990L, 1010L);
  }

  @Test
  void aCycleIsCountedOnce() {
    List<Object> self = new ArrayList<>();
    self.add(self);
    self.add("x");
    assertThat(SizeEstimator.estimate(self)).isPositive().isLessThan(200);
  }

  @Test
  void aHugeGraphStopsAtTheNodeBudgetAndExtrapolates() {
    List<String> many = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      many.add("entry-" + i);
    }
    long measured = GraphLayout.parseInstance(many).totalSize();
    assertThat((double) SizeEstimator.estimate(many)).isCloseTo(measured, within(0.25 * measured));
  }

  @Test
  void nullIsFree() {
    assertThat(SizeEstimator.estimate(null)).isZero();
  }

  @Test
  void layoutIsReadFromTheJvm() {
    JvmLayout layout = JvmLayout.current();
    assertThat(layout.referenceBytes).isIn(4, 8);
    assertThat(layout.alignment).isGreaterThanOrEqualTo(8);
    assertThat(SizeEstimator.estimate(new byte[8])).isEqualTo(layout.arrayBytes(8, 1));
  }

  private static String[] tenStrings() {
    String[] strings = new String[10];
    for (int i = 0; i < strings.length; i++) {
      strings[i] = "string number " + i;
    }
    return strings;
  }

  private static String[] hundredStrings() {
    String[] strings = new String[100];
    for (int i = 0; i < strings.length; i++) {
      strings[i] = "s" + i;
    }
    return strings;
  }

  private static Map<String, Integer> fiftyEntries() {
    Map<String, Integer> map = new HashMap<>();
    for (int i = 0; i < 50; i++) {
      map.put("key" + i, i * 1000);
    }
    return map;
  }
}
