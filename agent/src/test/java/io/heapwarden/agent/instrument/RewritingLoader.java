package io.heapwarden.agent.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;

/**
 * Defines a test's fixture classes itself (child first), and classes the test generated, passing
 * their bytes through a rewriter, as the agent's transformer would.
 */
public final class RewritingLoader extends ClassLoader {
  private final String fixtures;
  private final ClassRewriter rewriter;
  private final Map<String, byte[]> generated = new HashMap<>();
  public int rewritten;

  /**
   * {@code fixtures}: the package prefix of the classes defined here, e.g. {@code a.b.fixtures.}.
   */
  public RewritingLoader(String fixtures, ClassRewriter rewriter) {
    super(RewritingLoader.class.getClassLoader());
    this.fixtures = fixtures;
    this.rewriter = rewriter;
  }

  /** A class the test generated, defined (and rewritten) here too. */
  public RewritingLoader with(String internalName, byte[] bytes) {
    generated.put(internalName.replace('/', '.'), bytes);
    return this;
  }

  @Override
  protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
    synchronized (getClassLoadingLock(name)) {
      if (!name.startsWith(fixtures) && !generated.containsKey(name)) {
        return super.loadClass(name, resolve);
      }
      Class<?> loaded = findLoadedClass(name);
      if (loaded != null) {
        return loaded;
      }
      String internalName = name.replace('.', '/');
      byte[] original = generated.get(name);
      if (original == null) {
        try (InputStream in = getParent().getResourceAsStream(internalName + ".class")) {
          if (in == null) {
            throw new ClassNotFoundException(name);
          }
          original = in.readAllBytes();
        } catch (IOException e) {
          throw new ClassNotFoundException(name, e);
        }
      }
      byte[] bytes = rewriter.rewrite(this, internalName, original);
      if (bytes != null) {
        rewritten++;
      }
      byte[] chosen = bytes != null ? bytes : original;
      return defineClass(name, chosen, 0, chosen.length);
    }
  }

  @Override
  public InputStream getResourceAsStream(String name) {
    return getParent().getResourceAsStream(name);
  }
}
