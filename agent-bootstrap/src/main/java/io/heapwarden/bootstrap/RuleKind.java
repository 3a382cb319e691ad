package io.heapwarden.bootstrap;

/**
 * The kinds of rule a config file can declare; each kind names its meters {@code
 * heapwarden.<meterPrefix>.*}.
 */
public enum RuleKind {
  COLLECTION("collection"),
  SINGLETON("singleton"),
  INSTANCE("instance"),
  SESSION("session");

  private final String meterPrefix;

  RuleKind(String meterPrefix) {
    this.meterPrefix = meterPrefix;
  }

  public String meterPrefix() {
    return meterPrefix;
  }
}
