package dev.shopset.gitpusher.git;

import dev.shopset.contracts.events.CommitPushed;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.domain.Pin;
import dev.shopset.gitpusher.domain.SystemBranch.Pushed;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Which pushed commits still need their {@code commit pushed} event: the workspace keeps {@code
 * refs/shopset/announced}, the last commit whose event is on Kafka, so that a push whose event was
 * lost in a crash is announced after the restart, and only once.
 */
final class Announcements {

  /** The last commit whose {@code commit pushed} event is on Kafka. */
  static final String REF = "refs/shopset/announced";

  /** Config key set once {@link #REF} is kept (from the first sync on). */
  private static final String ANNOUNCING = "announcing";

  private final Repository repo;
  private final String authorName;
  private final String authorEmail;

  Announcements(Repository repo, String authorName, String authorEmail) {
    this.repo = repo;
    this.authorName = authorName;
    this.authorEmail = authorEmail;
  }

  /**
   * After a fetch: in a new workspace, what the remote has is announced already (by us or another
   * instance).
   */
  void synced(ObjectId remote) throws IOException {
    StoredConfig config = repo.getConfig();
    if (!config.getBoolean("shopset", null, ANNOUNCING, false)) {
      if (remote != null) {
        Refs.set(repo, REF, remote);
      }
      config.setBoolean("shopset", null, ANNOUNCING, true);
      config.save();
    }
  }

  /**
   * What is not announced yet once {@code local} is on the remote: since the last announced commit
   * when it is in our history (a crash between push and announcement is made good here), else what
   * the push from {@code remoteBefore} carried.
   */
  Pushed pending(ObjectId local, ObjectId remoteBefore) throws IOException {
    ObjectId announced = Refs.id(repo, REF);
    if (local.equals(announced)) {
      return new Pushed(local.name(), List.of(), 0);
    }
    ObjectId base;
    if (announced != null) {
      base = History.isAncestor(repo, announced, local) ? announced : remoteBefore;
    } else {
      // nothing announced yet: everything ours if the branch was empty when first synced
      base = repo.getConfig().getBoolean("shopset", null, ANNOUNCING, false) ? null : remoteBefore;
    }
    List<String> messages = History.ours(repo, base, local, authorName, authorEmail);
    if (messages.isEmpty()) {
      Refs.set(repo, REF, local);
      return new Pushed(local.name(), List.of(), 0);
    }
    return new Pushed(
        local.name(), messages, History.filesChanged(repo, base, local), pinMoves(base, local));
  }

  /**
   * The submodule pins that differ between {@code base} (null: an empty branch) and {@code local}.
   */
  private List<CommitPushed.PinMove> pinMoves(ObjectId base, ObjectId local) throws IOException {
    try (ObjectReader reader = repo.newObjectReader();
        RevWalk walk = new RevWalk(reader)) {
      Map<String, Pin> before =
          base == null ? Map.of() : Trees.pins(reader, walk.parseCommit(base).getTree());
      List<CommitPushed.PinMove> moves = new ArrayList<>();
      for (Pin pin : Trees.pins(reader, walk.parseCommit(local).getTree()).values()) {
        Pin old = before.get(pin.path());
        String from = old == null ? null : old.sha();
        if (pin.sha() != null
            && pin.url() != null
            && pin.branch() != null
            && !pin.sha().equals(from)) {
          moves.add(new CommitPushed.PinMove(pin.path(), pin.url(), pin.branch(), from, pin.sha()));
        }
      }
      return moves;
    } catch (GitFailure e) {
      // A .gitmodules a human broke: the push stands; its pins are reported once it is repaired.
      return List.of();
    }
  }

  /** The {@code commit pushed} event up to {@code sha} is published. */
  void announced(ObjectId sha) throws IOException {
    Refs.set(repo, REF, sha);
  }
}
