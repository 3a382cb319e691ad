package io.heapwarden.agent.cli;

/** {@code java -jar heapwarden-agent.jar ...}. TODO(config helper). */
public final class HeapwardenCli {
  private HeapwardenCli() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  static int run(String[] args) {
    return 0;
  }
}
