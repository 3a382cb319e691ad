package io.heapwarden.bootstrap.sessions.servlet;

/** Finds the adapter of a session class; the containers' in production, fakes in tests. */
interface AdapterLookup {
  /** Throws when the class cannot be driven. */
  ContainerAdapter of(Class<?> sessionClass);

  AdapterLookup CONTAINERS =
      new AdapterLookup() {
        @Override
        public ContainerAdapter of(Class<?> sessionClass) {
          return ContainerAdapters.of(sessionClass);
        }
      };
}
