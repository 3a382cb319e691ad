package io.heapwarden.agent.config;

/**
 * Parses the values of the agent's HTTP ports: a port number, the address to bind (an IP literal or
 * {@code localhost}, never a host name: resolving one could block on DNS), and a bearer token,
 * whose problems never show the value.
 */
final class NetworkValues {
  /** The shortest token accepted: a short one could be guessed. */
  static final int MIN_SECRET_LENGTH = 16;

  private NetworkValues() {}

  static Integer parsePort(String text, String name, String example) throws ConfigValueException {
    String digits = text.trim();
    boolean whole = !digits.isEmpty() && digits.length() <= 5;
    for (int i = 0; i < digits.length(); i++) {
      whole &= digits.charAt(i) >= '0' && digits.charAt(i) <= '9';
    }
    if (!whole || Integer.parseInt(digits) > 65_535) {
      throw new ConfigValueException(
          "must be a port number from 0 to 65535, got " + Units.shown(text),
          "e.g. " + name + ": " + example + ", or 0 for any free port (the log names it)");
    }
    return Integer.parseInt(digits);
  }

  static String parseAddress(String text, String name, String example) throws ConfigValueException {
    String address = text.trim();
    if (address.equalsIgnoreCase("localhost") || isIpv4(address) || isIpv6(address)) {
      return address;
    }
    throw new ConfigValueException(
        "must be an IP address, got " + Units.shown(text),
        "e.g. "
            + name
            + ": "
            + example
            + " (all interfaces) or 127.0.0.1; host names are not"
            + " resolved");
  }

  static String parseSecret(String text) throws ConfigValueException {
    String secret = text.trim();
    boolean printable = true;
    for (int i = 0; i < secret.length(); i++) {
      char c = secret.charAt(i);
      printable &= c > ' ' && c < 0x7f;
    }
    if (!printable || secret.length() < MIN_SECRET_LENGTH) {
      // the value is never shown: it may be the real token with a typo
      throw new ConfigValueException(
          "must be at least "
              + MIN_SECRET_LENGTH
              + " printable ASCII characters without spaces (the value is not shown)",
          "e.g. the output of: openssl rand -hex 24");
    }
    return secret;
  }

  /** Four dot-separated numbers from 0 to 255 (a scanner: this may run on the premain thread). */
  private static boolean isIpv4(String text) {
    int parts = 0;
    int value = 0;
    int digits = 0;
    for (int i = 0; i <= text.length(); i++) {
      char c = i < text.length() ? text.charAt(i) : '.';
      if (c == '.') {
        if (digits == 0 || value > 255) {
          return false;
        }
        parts++;
        value = 0;
        digits = 0;
      } else if (c >= '0' && c <= '9' && digits < 3) {
        value = value * 10 + (c - '0');
        digits++;
      } else {
        return false;
      }
    }
    return parts == 4;
  }

  /** Hex groups and colons (a trailing dotted quad allowed); the JDK checks the rest at bind. */
  private static boolean isIpv6(String text) {
    if (text.indexOf(':') < 0) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = Character.toLowerCase(text.charAt(i));
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
      if (!hex && c != ':' && c != '.') {
        return false;
      }
    }
    return true;
  }
}
