package io.heapwarden.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The corpus run: the agent's field-write rewriter on every class of the corpus jars with a rule on
 * every collection or map field, the singleton rewriter on a sample of construction sites, each
 * result verified with ASM and a sample linked by a {@code -Xverify:all} JVM. Writes the counts to
 * {@code corpus.report} and fails on any failure. The jars are {@code corpus.jars}: a fixed sample
 * in {@code mvn verify}, the full corpus from {@code benchmarks/corpus/run-corpus.sh}.
 */
class CorpusRunTest {
  @Test
  void everyRewriteOfTheCorpusVerifies() throws Exception {
    Path jars = Path.of(System.getProperty("corpus.jars"));
    Path report = Path.of(System.getProperty("corpus.report", "target/corpus-report.md"));
    int stride = Integer.getInteger("corpus.singletonStride", 8);
    int jvmSample = Integer.getInteger("corpus.jvmSample", 400);
    String java =
        System.getProperty(
            "corpus.java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Instant start = Instant.now();

    Corpus corpus = Corpus.read(jars);
    Hierarchy hierarchy = new Hierarchy(corpus);
    Path work = Files.createDirectories(report.resolveSibling("corpus-jvm-sample"));

    Tally fields = new Tally();
    fields.add("jars", corpus.jars().size());
    fields.add("classes", corpus.classes().size());
    FieldRun fieldRun = new FieldRun(corpus, hierarchy, fields);
    fieldRun.run();
    new JvmSample(jars, work, java, fields).run("fields", fieldRun.rewritten, corpus, jvmSample);

    Tally singletons = new Tally();
    SingletonSample sample = new SingletonSample(corpus, hierarchy, singletons, stride);
    sample.run();
    new JvmSample(jars, work, java, singletons)
        .run("singletons", sample.rewritten, corpus, jvmSample / 4);

    String text =
        "## Field writes (collections: rules)\n\n"
            + fields.report()
            + "\n## Construction sites (singletons: rules), one constructing class in "
            + stride
            + "\n\n"
            + singletons.report()
            + "\nJars: "
            + corpus.jars().stream().map(p -> p.getFileName().toString()).toList()
            + "\n\nTook "
            + Duration.between(start, Instant.now()).toSeconds()
            + " s\n";
    Files.writeString(report, text, StandardCharsets.UTF_8);
    System.out.println(text);

    assertThat(fields.get("classes rewritten")).isPositive();
    assertThat(fields.get("classes linked by a -Xverify:all JVM")).isPositive();
    assertThat(singletons.get("classes rewritten")).isPositive();
    assertThat(fields.failures() + singletons.failures()).as(text).isZero();
  }
}
