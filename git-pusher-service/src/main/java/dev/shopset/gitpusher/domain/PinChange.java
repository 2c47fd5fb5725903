package dev.shopset.gitpusher.domain;

/** A submodule gitlink moved from {@code from} (null when new) to {@code to}. */
public record PinChange(String path, String from, String to) {

  /** {@code base: 1234567..89abcde}. */
  public String describe() {
    return path + ": " + (from == null ? "(new)" : abbrev(from)) + ".." + abbrev(to);
  }

  private static String abbrev(String sha) {
    return sha.length() > 7 ? sha.substring(0, 7) : sha;
  }
}
