package io.heapwarden.agent.report;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * Walks a JFR file's chunk headers before the JDK's parser reads it. That parser also serves
 * recordings still being written: given a chunk whose header says it is longer than the file, or
 * not finished, it waits for the rest, forever (found by fuzzing {@code report}). A file for {@code
 * report} and {@code suggest} is whole: each chunk finished, and the chunks end with the file.
 */
final class ChunkHeaders {
  /** Every chunk starts with a header of this size. */
  static final int HEADER_SIZE = 68;

  private static final int CHUNK_SIZE = 8;
  private static final int CONSTANT_POOL_POSITION = 16;
  private static final int METADATA_POSITION = 24;

  /** 0 in a finished chunk; the JVM sets it while it writes the chunk. */
  private static final int FILE_STATE = 64;

  private static final byte[] MAGIC = {'F', 'L', 'R', 0};

  private ChunkHeaders() {}

  /** Null when every chunk header is sound, else what is wrong, for the one-line message. */
  static @Nullable String problem(Path file) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      long start = 0;
      for (int chunk = 1; start < size; chunk++) {
        if (size - start < HEADER_SIZE) {
          return "chunk " + chunk + " is cut short in its header";
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_SIZE);
        while (header.hasRemaining()) {
          if (channel.read(header, start + header.position()) < 0) {
            return "chunk " + chunk + " is cut short in its header";
          }
        }
        for (int i = 0; i < MAGIC.length; i++) {
          if (header.get(i) != MAGIC[i]) {
            return "chunk " + chunk + " does not start as a JFR chunk";
          }
        }
        long chunkSize = header.getLong(CHUNK_SIZE);
        if (header.get(FILE_STATE) != 0) {
          return "chunk " + chunk + " was not finished";
        }
        if (chunkSize < HEADER_SIZE || chunkSize > size - start) {
          return "chunk "
              + chunk
              + " claims "
              + chunkSize
              + " bytes, the file has "
              + (size - start)
              + " from its start";
        }
        long constantPool = header.getLong(CONSTANT_POOL_POSITION);
        long metadata = header.getLong(METADATA_POSITION);
        if (metadata < HEADER_SIZE
            || metadata >= chunkSize
            || constantPool < 0
            || constantPool >= chunkSize) {
          return "chunk " + chunk + " points outside itself for its metadata or constants";
        }
        start += chunkSize;
      }
      return null;
    }
  }
}
