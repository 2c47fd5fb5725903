package dev.shopset.gitpusher.domain;

/**
 * Pins move only forward along their source branch's history: a requested head that is not a
 * descendant of the commit a submodule holds is refused (a replayed webhook, a poll or promotion
 * that arrives late, a force-pushed branch). An explicit rollback ({@link PinMove#rollback()}) is
 * the only way back.
 */
public final class PinPolicy {

  private PinPolicy() {}

  /** What to do with one submodule {@code pin} for {@code move}. */
  public enum Decision {
    /** Already there, or the submodule does not follow that source: nothing to do. */
    NOTHING,
    /** Move the gitlink. */
    MOVE,
    /** Ask the source repository first whether the head descends from the pin. */
    ASK_ANCESTRY
  }

  /** The decision before ancestry is known. */
  public static Decision decide(Pin pin, PinMove move) {
    if (!pin.follows(move.source()) || move.head().equals(pin.sha())) {
      return Decision.NOTHING;
    }
    if (pin.sha() == null || move.rollback()) {
      return Decision.MOVE;
    }
    return Decision.ASK_ANCESTRY;
  }

  /** The decision once the source repository said whether {@code move.head} descends. */
  public static boolean allows(Pin pin, PinMove move, boolean descends) {
    return decide(pin, move) == Decision.MOVE
        || (decide(pin, move) == Decision.ASK_ANCESTRY && descends);
  }
}
