package io.heapwarden.agent.config;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * From the file's bytes to YAML nodes: UTF-8 decoding, then {@link QuickYaml} for the YAML configs
 * are written in, else {@link SnakeYamlText} (whose classes load only then). Each failure becomes a
 * problem with its position and a hint, and so does a file with no content.
 */
final class YamlText {
  private final LoadContext context;

  /** Whether the text was not valid YAML. */
  boolean malformed;

  YamlText(LoadContext context) {
    this.context = context;
  }

  @Nullable String decode(byte[] content) {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(content);
    CharBuffer out = CharBuffer.allocate(content.length);
    CoderResult result = decoder.decode(in, out, true);
    if (result.isError()) {
      int offset = in.position();
      int line = 1;
      int lineStart = 0;
      for (int i = 0; i < offset; i++) {
        if (content[i] == '\n') {
          line++;
          lineStart = i + 1;
        }
      }
      context.problems.add(
          new ConfigProblem(
              new SourcePosition(context.source, line, offset - lineStart + 1),
              "",
              "the config file is not valid UTF-8",
              "save it as UTF-8"));
      return null;
    }
    decoder.flush(out);
    out.flip();
    String text = out.toString();
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  /**
   * The file's one document, or null after adding the problem that kept it from being composed; a
   * document with no content (nothing but blanks, comments or {@code ---}) is one.
   */
  @Nullable YamlNode compose(String text) {
    YamlNode root = QuickYaml.compose(text);
    if (root == null) {
      SnakeYamlText snakeYaml = new SnakeYamlText(context); // the rest of YAML, and its errors
      root = snakeYaml.compose(text);
      malformed = snakeYaml.malformed;
    }
    if (!malformed && (root == null || SchemaWalk.isNull(root))) {
      // Refused at start as on reload: a file truncated mid-write must not mean "no rules".
      context.problems.add(
          new ConfigProblem(
              SourcePosition.of(context.source),
              "",
              "the config file is empty",
              "write at least one key, e.g. 'collections: []' for no rules; an empty file is"
                  + " refused since a file truncated while being written would look the same"));
      return null;
    }
    return root;
  }
}
