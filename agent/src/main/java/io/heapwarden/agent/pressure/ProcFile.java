package io.heapwarden.agent.pressure;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;

/**
 * Reads small kernel files ({@code /proc}, cgroup) into a reused buffer and picks numbers out of
 * the bytes, so that a poll allocates only the stream it opens. Not thread-safe: one owner.
 */
final class ProcFile {
  /** Sentinel for "no value": the file is missing, unreadable, or has no such number. */
  static final long NONE = -1;

  /** Sentinel for a limit file that says there is none ({@code max}, or v1's huge value). */
  static final long UNLIMITED = Long.MAX_VALUE;

  /** v1 writes "no limit" as LONG_MAX rounded down to a page; anything this large is no limit. */
  static final long UNLIMITED_ABOVE = 1L << 60;

  private final byte[] buffer = new byte[16 * 1024];
  private int length;

  /** Reads {@code file} (up to the buffer's size); false when it cannot be read. */
  boolean read(File file) {
    length = 0;
    if (file == null) {
      return false;
    }
    try (FileInputStream in = new FileInputStream(file)) {
      int n;
      while (length < buffer.length && (n = in.read(buffer, length, buffer.length - length)) > 0) {
        length += n;
      }
      return true;
    } catch (IOException | SecurityException unreadable) {
      length = 0;
      return false;
    }
  }

  /** {@code file}'s single number, {@link #UNLIMITED} for "max" or a huge value, else NONE. */
  long single(File file) {
    if (!read(file)) {
      return NONE;
    }
    int start = 0;
    while (start < length && isSpace(buffer[start])) {
      start++;
    }
    if (length - start >= 3
        && buffer[start] == 'm'
        && buffer[start + 1] == 'a'
        && buffer[start + 2] == 'x') {
      return UNLIMITED;
    }
    long value = number(start);
    return value >= UNLIMITED_ABOVE ? UNLIMITED : value;
  }

  /**
   * The number after {@code key} at the start of a line of the buffer ({@code "inactive_file 42"},
   * {@code "VmRSS: 1234 kB"}), or NONE. {@code key} is ASCII, including its separator.
   */
  long field(String key) {
    int at = 0;
    while (at < length) {
      if (startsWith(at, key)) {
        int start = at + key.length();
        while (start < length && isSpace(buffer[start])) {
          start++;
        }
        return number(start);
      }
      while (at < length && buffer[at] != '\n') {
        at++;
      }
      at++;
    }
    return NONE;
  }

  /** The buffer as text, for the rarely read files (cgroup, mountinfo) parsed once at start. */
  String text() {
    return new String(buffer, 0, length, java.nio.charset.StandardCharsets.UTF_8);
  }

  private boolean startsWith(int at, String key) {
    if (at + key.length() > length) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      if (buffer[at + i] != key.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private long number(int start) {
    long value = 0;
    int i = start;
    while (i < length && buffer[i] >= '0' && buffer[i] <= '9') {
      if (value > (Long.MAX_VALUE - 9) / 10) {
        return UNLIMITED;
      }
      value = value * 10 + (buffer[i] - '0');
      i++;
    }
    return i == start ? NONE : value;
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }
}
