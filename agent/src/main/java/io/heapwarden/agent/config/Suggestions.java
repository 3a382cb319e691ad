package io.heapwarden.agent.config;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** "Did you mean ...?": the closest candidate by edit distance, if any is close enough. */
public final class Suggestions {
  private Suggestions() {}

  /**
   * The candidate closest to {@code input}, or null when none is close. Spelling variants that
   * differ only in case, dashes and underscores ({@code maxEntries}, {@code max_entries}) always
   * match; otherwise the edit distance (with transpositions) must be small for the word's length.
   */
  public static @Nullable String closest(String input, Iterable<String> candidates) {
    String normalizedInput = normalize(input);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : candidates) {
      int distance = normalize(candidate).equals(normalizedInput) ? 0 : distance(input, candidate);
      int allowed = Math.max(1, Math.min(3, candidate.length() / 3));
      if (distance <= allowed && distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return best;
  }

  private static String normalize(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '-' && c != '_' && c != '.') {
        out.append(c);
      }
    }
    return out.toString().toLowerCase(Locale.ROOT);
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions, transpositions. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int best = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          best = Math.min(best, d[i - 2][j - 2] + 1);
        }
        d[i][j] = best;
      }
    }
    return d[a.length()][b.length()];
  }
}
