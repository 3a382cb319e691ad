package io.heapwarden.examples.boot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A small Spring Boot web application, unmodified by Heapwarden: run it as a fat jar. */
@SpringBootApplication
public class BootSessionsApplication {
  public static void main(String[] args) {
    SpringApplication.run(BootSessionsApplication.class, args);
  }
}
