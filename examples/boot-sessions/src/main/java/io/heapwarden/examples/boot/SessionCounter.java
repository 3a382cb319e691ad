package io.heapwarden.examples.boot;

import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/** Counts what the container tells its session listeners. */
@Component
public class SessionCounter implements HttpSessionListener {
  static final AtomicInteger CREATED = new AtomicInteger();
  static final AtomicInteger DESTROYED = new AtomicInteger();

  @Override
  public void sessionCreated(HttpSessionEvent event) {
    CREATED.incrementAndGet();
  }

  @Override
  public void sessionDestroyed(HttpSessionEvent event) {
    DESTROYED.incrementAndGet();
  }
}
