package io.heapwarden.corpus;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

/**
 * The defining loader the rewriters are given: it serves the corpus's class files as resources (the
 * rewriters read superclasses that way), and the JDK's through the platform loader. It never
 * defines a class.
 */
final class CorpusResources extends ClassLoader {
  private final Corpus corpus;

  CorpusResources(Corpus corpus) {
    super("corpus", ClassLoader.getPlatformClassLoader());
    this.corpus = corpus;
  }

  @Override
  public InputStream getResourceAsStream(String name) {
    if (name.endsWith(".class")) {
      byte[] bytes = corpus.bytes(name.substring(0, name.length() - ".class".length()));
      if (bytes != null) {
        return new ByteArrayInputStream(bytes);
      }
    }
    return super.getResourceAsStream(name);
  }
}
