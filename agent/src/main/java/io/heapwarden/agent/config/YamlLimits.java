package io.heapwarden.agent.config;

import java.util.HashSet;
import java.util.Set;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.parser.Parser;

/**
 * The parser's events, counted on their way to the composer, so that an alias bomb ("billion
 * laughs") or a file nested thousands deep is refused at the event that crosses the limit, with its
 * line and column and our own words. SnakeYAML has the same limits, unlocated; ours are met first
 * ({@link YamlText} sets SnakeYAML's higher, as a backstop).
 */
final class YamlLimits implements Parser {
  /** Lists or mappings inside each other, the top-level mapping included; a config needs 4. */
  static final int MAX_NESTING = 50;

  /** Aliases ({@code *name}) of a list or mapping, each of which the schema walk reads again. */
  static final int MAX_COLLECTION_ALIASES = 50;

  /** Why the text was refused, where, and what to do. */
  static final class Exceeded extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final transient Mark mark;
    final String problem;
    final String hint;

    Exceeded(Mark mark, String problem, String hint) {
      super(problem, null, false, false);
      this.mark = mark;
      this.problem = problem;
      this.hint = hint;
    }
  }

  private final Parser parser;
  private final Set<String> collectionAnchors = new HashSet<>();
  private int depth;
  private int collectionAliases;

  YamlLimits(Parser parser) {
    this.parser = parser;
  }

  @Override
  public boolean checkEvent(Event.ID choice) {
    return parser.checkEvent(choice);
  }

  @Override
  public Event peekEvent() {
    return parser.peekEvent();
  }

  @Override
  public Event getEvent() {
    Event event = parser.getEvent();
    if (event instanceof CollectionStartEvent) {
      if (++depth > MAX_NESTING) {
        throw new Exceeded(
            event.getStartMark(),
            "nested too deeply: more than " + MAX_NESTING + " lists or mappings inside each other",
            "a config nests 4 deep at most; look for an unclosed '[' or '{'");
      }
    } else if (event instanceof CollectionEndEvent) {
      depth--;
    }
    if (event instanceof AliasEvent) {
      if (collectionAnchors.contains(((AliasEvent) event).getAnchor())
          && ++collectionAliases > MAX_COLLECTION_ALIASES) {
        throw new Exceeded(
            event.getStartMark(),
            "too many aliases: more than " + MAX_COLLECTION_ALIASES + " refer to a list or mapping",
            "a config needs few; this looks like an alias bomb (\"billion laughs\"): write the"
                + " values out");
      }
    } else if (event instanceof NodeEvent && ((NodeEvent) event).getAnchor() != null) {
      // An anchor defined again names the later node from here on.
      String anchor = ((NodeEvent) event).getAnchor();
      if (event instanceof CollectionStartEvent) {
        collectionAnchors.add(anchor);
      } else {
        collectionAnchors.remove(anchor);
      }
    }
    return event;
  }
}
