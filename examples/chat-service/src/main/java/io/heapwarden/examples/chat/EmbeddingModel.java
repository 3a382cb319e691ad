package io.heapwarden.examples.chat;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small hashed bag-of-words embedding model, {@value #DIM} dimensions like all-MiniLM-L6-v2:
 * {@value #BUCKETS} token buckets of {@value #DIM} floats each (3.75 MB of weights), initialised
 * deterministically from the model's name.
 *
 * <p>Loading it takes about 10 ms of CPU on a warm, idle JVM, tens of ms under load, and 4 MB of
 * heap: it is meant to be built once and shared. {@link ChatService} builds one per request anyway
 * (the mistake of seed 004).
 */
public final class EmbeddingModel {
  /** Dimension of the embeddings. */
  public static final int DIM = 384;

  private static final int BUCKETS = 2560;
  private static final int HIDDEN = 24;
  private static final AtomicLong BUILT = new AtomicLong();

  private final String name;
  private final float[] weights;

  public EmbeddingModel(String name) {
    this.name = name;
    this.weights = load(name);
    BUILT.incrementAndGet();
  }

  /** How many models this JVM has built so far. */
  public static long built() {
    return BUILT.get();
  }

  public String name() {
    return name;
  }

  /** The unit-length embedding of {@code text}: the normalised sum of its tokens' rows. */
  public float[] embed(String text) {
    float[] vector = new float[DIM];
    for (String token : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (token.isEmpty()) {
        continue;
      }
      int row = Math.floorMod(token.hashCode() * 0x9E3779B9, BUCKETS) * DIM;
      for (int i = 0; i < DIM; i++) {
        vector[i] += weights[row + i];
      }
    }
    normalize(vector, 0);
    return vector;
  }

  /**
   * Draws a {@value #HIDDEN}-wide token table from the name's seed and multiplies it by the model's
   * {@value #HIDDEN}x{@value #DIM} output projection up front (a factorised embedding, as in
   * ALBERT), so that {@link #embed} is a plain sum of rows.
   */
  private static float[] load(String name) {
    SplittableRandom random = new SplittableRandom(seed(name));
    float[] projection = new float[HIDDEN * DIM];
    for (int i = 0; i < projection.length; i++) {
      projection[i] = (float) (random.nextGaussian() / Math.sqrt(HIDDEN));
    }
    float[] w = new float[BUCKETS * DIM];
    float[] raw = new float[HIDDEN];
    for (int row = 0; row < w.length; row += DIM) {
      for (int k = 0; k < HIDDEN; k++) {
        raw[k] = (float) random.nextGaussian();
      }
      for (int k = 0; k < HIDDEN; k++) {
        float r = raw[k];
        int p = k * DIM;
        for (int j = 0; j < DIM; j++) {
          w[row + j] += r * projection[p + j];
        }
      }
      normalize(w, row);
    }
    return w;
  }

  private static void normalize(float[] v, int from) {
    double sum = 0;
    for (int i = from; i < from + DIM; i++) {
      sum += (double) v[i] * v[i];
    }
    if (sum == 0) {
      return;
    }
    float scale = (float) (1 / Math.sqrt(sum));
    for (int i = from; i < from + DIM; i++) {
      v[i] *= scale;
    }
  }

  /** FNV-1a over the name's bytes: the same name always gives the same weights. */
  private static long seed(String name) {
    long hash = 0xcbf29ce484222325L;
    for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
      hash ^= b & 0xff;
      hash *= 0x100000001b3L;
    }
    return hash;
  }
}
