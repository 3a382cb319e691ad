package io.heapwarden.bootstrap.sessions;

/**
 * The adapter of chat libraries whose windows keep the system message: an entry is pinned when its
 * class, or a superclass, has the library's system-message class name. Matching by name keeps the
 * boot side free of the library's types.
 */
final class SystemMessageAdapter implements SessionAdapter {
  private final String systemMessageClass;

  private final ClassValue<Boolean> isSystemMessage =
      new ClassValue<Boolean>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            if (c.getName().equals(systemMessageClass)) {
              return Boolean.TRUE;
            }
          }
          return Boolean.FALSE;
        }
      };

  SystemMessageAdapter(String systemMessageClass) {
    this.systemMessageClass = systemMessageClass;
  }

  @Override
  public boolean pinned(Object element) {
    return element != null && isSystemMessage.get(element.getClass());
  }
}
