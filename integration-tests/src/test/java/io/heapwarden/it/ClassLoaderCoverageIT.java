package io.heapwarden.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.heapwarden.it.fixtures.BootJarProbe;
import io.heapwarden.it.fixtures.BootstrapProbe;
import io.heapwarden.it.fixtures.HelloService;
import io.heapwarden.it.fixtures.TomcatWebapp;
import io.heapwarden.it.harness.AgentJvm;
import io.heapwarden.it.harness.ItEnvironment;
import io.heapwarden.it.harness.JvmResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;

/**
 * Rewritten code calls the agent's boot-loader classes, so they must resolve from the loaders that
 * real services use: the plain class path, Spring Boot's fat-jar launcher, Tomcat's web-app loader.
 */
class ClassLoaderCoverageIT {

  @Test
  void plainClassPath() {
    JvmResult result = AgentJvm.forMainClass(HelloService.class).withAgent().run();

    assertThat(result.stdout())
        .as(result.output())
        .contains(
            "loader=jdk.internal.loader.ClassLoaders$AppClassLoader heapwarden-bootstrap=boot");
  }

  @Test
  void tomcatWebApplicationClassLoader() {
    JvmResult result =
        AgentJvm.forMainClass(TomcatWebapp.class)
            .withAgent()
            .classpath(
                ItEnvironment.fixtureLib("tomcat-embed-core.jar"),
                ItEnvironment.fixtureLib("tomcat-annotations-api.jar"))
            .run();

    assertThat(result.stdout())
        .as(result.output())
        .contains(
            "loader=org.apache.catalina.loader.ParallelWebappClassLoader heapwarden-bootstrap=boot");
  }

  @Test
  void springBootFatJarLauncher() throws IOException {
    Path fatJar = springBootFatJar(BootJarProbe.class);

    JvmResult result = AgentJvm.forJar(fatJar).withAgent().run();

    assertThat(result.stdout())
        .as(result.output())
        .contains(
            "loader=org.springframework.boot.loader.launch.LaunchedClassLoader heapwarden-bootstrap=boot");
  }

  @Test
  void controlWithoutTheAgentTheClassesAreMissing() {
    JvmResult result = AgentJvm.forMainClass(HelloService.class).run();

    assertThat(result.stdout()).as(result.output()).contains("heapwarden-bootstrap=missing");
  }

  /**
   * The layout spring-boot-maven-plugin produces: loader classes at the root, the app under
   * BOOT-INF.
   */
  private static Path springBootFatJar(Class<?> startClass) throws IOException {
    Path target = Files.createDirectories(ItEnvironment.workRoot()).resolve("boot-fixture.jar");
    Manifest manifest = new Manifest();
    Attributes main = manifest.getMainAttributes();
    main.put(Attributes.Name.MANIFEST_VERSION, "1.0");
    main.putValue("Main-Class", "org.springframework.boot.loader.launch.JarLauncher");
    main.putValue("Start-Class", startClass.getName());
    main.putValue("Spring-Boot-Classes", "BOOT-INF/classes/");
    main.putValue("Spring-Boot-Lib", "BOOT-INF/lib/");
    try (OutputStream file = Files.newOutputStream(target);
        JarOutputStream out = new JarOutputStream(file, manifest);
        JarFile loader = new JarFile(ItEnvironment.fixtureLib("spring-boot-loader.jar").toFile())) {
      for (JarEntry entry : Collections.list(loader.entries())) {
        if (entry.getName().startsWith("META-INF/MANIFEST")) {
          continue;
        }
        out.putNextEntry(new JarEntry(entry.getName()));
        try (InputStream in = loader.getInputStream(entry)) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
      // Spring Boot's loader finds BOOT-INF/classes through its directory entries, as the
      // spring-boot-maven-plugin writes them.
      for (String dir :
          new String[] {
            "BOOT-INF/",
            "BOOT-INF/classes/",
            "BOOT-INF/classes/io/",
            "BOOT-INF/classes/io/heapwarden/",
            "BOOT-INF/classes/io/heapwarden/it/",
            "BOOT-INF/classes/io/heapwarden/it/fixtures/"
          }) {
        out.putNextEntry(new JarEntry(dir));
        out.closeEntry();
      }
      for (Class<?> type : new Class<?>[] {startClass, BootstrapProbe.class}) {
        String resource = type.getName().replace('.', '/') + ".class";
        out.putNextEntry(new JarEntry("BOOT-INF/classes/" + resource));
        try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
          in.transferTo(out);
        }
        out.closeEntry();
      }
    }
    return target;
  }
}
