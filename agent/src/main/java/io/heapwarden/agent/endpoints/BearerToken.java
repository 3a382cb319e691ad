package io.heapwarden.agent.endpoints;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The token {@code POST /cleanup} requires, as {@code Authorization: Bearer <token>}. Compared in
 * constant time: both sides are hashed to SHA-256 first, so {@link MessageDigest#isEqual} compares
 * two arrays of one length and a wrong guess tells nothing of the token, not even its length. The
 * token itself is kept only as its hash, and never printed.
 */
final class BearerToken {
  /** What a request's credentials amount to. */
  enum Verdict {
    RIGHT,
    /** No {@code Authorization: Bearer} header. */
    MISSING,
    WRONG,
    /** No token is configured: nothing can be right. */
    NOT_CONFIGURED
  }

  private static final String SCHEME = "bearer ";

  private final byte @Nullable [] expected; // the token's SHA-256, null when none is configured

  BearerToken(@Nullable String token) {
    this.expected = token == null ? null : sha256(token);
  }

  boolean configured() {
    return expected != null;
  }

  /** The verdict on an {@code Authorization} header's value (null when the request has none). */
  Verdict check(@Nullable String authorization) {
    byte[] wanted = expected;
    if (wanted == null) {
      return Verdict.NOT_CONFIGURED;
    }
    if (authorization == null
        || authorization.length() <= SCHEME.length()
        || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
      return Verdict.MISSING;
    }
    byte[] given = sha256(authorization.substring(SCHEME.length()).trim());
    return MessageDigest.isEqual(wanted, given) ? Verdict.RIGHT : Verdict.WRONG;
  }

  /**
   * Whether a query string carries a credential ({@code token=}, {@code access_token=}, ...): a
   * token in a URL ends up in proxies' and shells' histories, so such a request is refused even
   * with the right header.
   */
  static boolean inQuery(@Nullable String rawQuery) {
    if (rawQuery == null) {
      return false;
    }
    String query = rawQuery.toLowerCase(Locale.ROOT);
    return query.contains("token") || query.contains("auth") || query.contains("bearer");
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException impossible) {
      throw new IllegalStateException("every JDK has SHA-256", impossible);
    }
  }
}
