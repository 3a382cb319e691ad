package example.loaded;

import java.util.HashMap;
import java.util.Map;

/** A service class outside the agent's packages, for LoadedClassRetransformerTest. */
public final class Unrelated {
  Map<String, String> others = new HashMap<>();
}
