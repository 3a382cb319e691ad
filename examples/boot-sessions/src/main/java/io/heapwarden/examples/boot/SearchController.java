package io.heapwarden.examples.boot;

import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Two leaks of the seeds' kind: every search result is cached forever ({@link #RESULTS}), and every
 * client's session keeps its whole search history.
 */
@RestController
public class SearchController {
  /** A cache that never evicts: one entry per distinct query. */
  static final Map<String, String> RESULTS = new HashMap<>();

  @GetMapping("/search")
  public String search(@RequestParam("q") String query, HttpSession session) {
    @SuppressWarnings("unchecked")
    List<String> history = (List<String>) session.getAttribute("history");
    if (history == null) {
      history = new ArrayList<>();
    }
    history.add(query);
    session.setAttribute("history", history);
    String result;
    synchronized (RESULTS) {
      result = RESULTS.computeIfAbsent(query, q -> "results for " + q);
    }
    return result + " (" + history.size() + " searches in this session)";
  }

  /** What the application itself sees: its cache and its sessions. */
  @GetMapping("/stats")
  public String stats() {
    int cached;
    synchronized (RESULTS) {
      cached = RESULTS.size();
    }
    return "cached="
        + cached
        + " created="
        + SessionCounter.CREATED.get()
        + " destroyed="
        + SessionCounter.DESTROYED.get();
  }
}
