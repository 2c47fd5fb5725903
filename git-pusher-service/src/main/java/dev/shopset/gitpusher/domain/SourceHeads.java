package dev.shopset.gitpusher.domain;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Resolved heads of source branches, as plain data for a commit; a branch absent has no head. */
public final class SourceHeads {

  private static final SourceHeads NONE = new SourceHeads(Map.of());

  private final Map<SourceRef, String> heads;

  private SourceHeads(Map<SourceRef, String> heads) {
    this.heads = heads;
  }

  public static SourceHeads none() {
    return NONE;
  }

  public static SourceHeads of(Map<SourceRef, String> heads) {
    return new SourceHeads(Map.copyOf(new HashMap<>(heads)));
  }

  /** The head of {@code source}, when it was resolved and exists. */
  public Optional<String> of(SourceRef source) {
    return Optional.ofNullable(heads.get(source));
  }

  public int size() {
    return heads.size();
  }
}
