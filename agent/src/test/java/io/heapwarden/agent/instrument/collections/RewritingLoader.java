package io.heapwarden.agent.instrument.collections;

import io.heapwarden.agent.instrument.ClassRewriter;
import java.io.IOException;
import java.io.InputStream;

/** Defines the fixture classes itself (child first), passing their bytes through a rewriter. */
final class RewritingLoader extends ClassLoader {
  private static final String FIXTURES = "io.heapwarden.agent.instrument.collections.fixtures.";
  private final ClassRewriter rewriter;
  int rewritten;

  RewritingLoader(ClassRewriter rewriter) {
    super(RewritingLoader.class.getClassLoader());
    this.rewriter = rewriter;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      if (!name.startsWith(FIXTURES)) {
        return super.loadClass(name, resolve);
      }
      Class<?> loaded = findLoadedClass(name);
      if (loaded != null) {
        return loaded;
      }
      String internalName = name.replace('.', '/');
      try (InputStream in = getParent().getResourceAsStream(internalName + ".class")) {
        byte[] original = in.readAllBytes();
        byte[] bytes = rewriter.rewrite(this, internalName, original);
        if (bytes != null) {
          rewritten++;
        }
        byte[] chosen = bytes != null ? bytes : original;
        return defineClass(name, chosen, 0, chosen.length);
      } catch (IOException e) {
        throw new ClassNotFoundException(name, e);
      }
    }
  }

  @Override
  public InputStream getResourceAsStream(String name) {
    return getParent().getResourceAsStream(name);
  }
}
