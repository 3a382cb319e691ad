package example.loaded;

import java.util.HashMap;
import java.util.Map;

/** A service class outside the agent's packages, for LoadedClassRetransformerTest. */
public final class Refused {
  Map<String, String> entries = new HashMap<>();
}
