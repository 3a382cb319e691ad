package io.heapwarden.agent.instrument.collections;

import io.heapwarden.bootstrap.collections.AdoptedFields;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * After a dynamic attach, before the already-loaded classes are retransformed: hands each ruled
 * field of a loaded class to {@link AdoptedFields}, made accessible, so that the read hook can
 * write a bounded copy back into it. The bootstrap set {@code ADOPTION} must be defined first.
 *
 * <p>A {@code static final} field cannot be written even through reflection: the collection it
 * holds stays as it is (and is reported as such). An instance field that is final can be, on JDK 17
 * to 25.
 */
public final class PreAttachFields {
  private final Map<String, List<CollectionTarget>> byOwner = new HashMap<>();

  public PreAttachFields(List<CollectionTarget> targets) {
    for (CollectionTarget target : targets) {
      byOwner
          .computeIfAbsent(target.ownerInternalName().replace('/', '.'), owner -> new ArrayList<>())
          .add(target);
    }
  }

  /** Whether no rule is on a collection field: nothing to register. */
  public boolean isEmpty() {
    return byOwner.isEmpty();
  }

  /** What {@link #register} did: fields registered, and why each other one was not. */
  public record Registered(int fields, List<String> notAdopted) {}

  /** Registers the ruled fields declared by any of {@code loaded}. */
  public Registered register(Class<?>[] loaded) {
    int registered = 0;
    List<String> notAdopted = new ArrayList<>();
    for (Class<?> type : loaded) {
      List<CollectionTarget> targets = byOwner.get(type.getName());
      if (targets == null) {
        continue;
      }
      for (CollectionTarget target : targets) {
        String why = register(type, target);
        if (why == null) {
          registered++;
        } else {
          notAdopted.add(target.ruleName() + ": " + why);
        }
      }
    }
    return new Registered(registered, List.copyOf(notAdopted));
  }

  /** Null once registered, else why not. */
  private static @Nullable String register(Class<?> type, CollectionTarget target) {
    Field field;
    try {
      field = type.getDeclaredField(target.field());
    } catch (NoSuchFieldException | LinkageError notThere) {
      return "no such field in " + type.getName() + " (declared by a superclass?)";
    }
    int modifiers = field.getModifiers();
    if (Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)) {
      return "static final: the collection it held before the attach cannot be replaced";
    }
    try {
      field.setAccessible(true);
    } catch (RuntimeException closed) { // InaccessibleObjectException: a package not opened
      return "not accessible (" + closed.getMessage() + ")";
    }
    AdoptedFields.register(target.ruleId(), field);
    return null;
  }
}
