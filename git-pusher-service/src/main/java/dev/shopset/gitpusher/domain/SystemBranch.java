package dev.shopset.gitpusher.domain;

import dev.shopset.contracts.events.CommitPushed;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Port: a persistent clone of one branch of the system repository. {@link #sync} and {@link #push}
 * talk to the git host; {@link #pins}, {@link #commit} and {@link #head} work on the local clone
 * only.
 */
public interface SystemBranch extends AutoCloseable {

  String repository();

  String branch();

  /**
   * Fetches the remote branch. Local commits not yet pushed that sit on the remote head are kept
   * (they are pushed next); otherwise the local branch is reset to the remote head.
   */
  void sync() throws GitFailure;

  /** Drops local commits: the local branch becomes the last fetched remote head. */
  void resetToRemote() throws GitFailure;

  /**
   * Applies the changes on the local head and commits them if the tree changed. Submodules that a
   * render declares anew are pinned to {@code heads} (resolved beforehand, see {@link SourcePlan});
   * one missing there is declared without a pin.
   *
   * @param message builds the message from the pin changes
   * @return the new commit, empty when the tree is unchanged
   */
  Optional<String> commit(
      Changes changes, SourceHeads heads, Function<List<PinChange>, String> message)
      throws GitFailure;

  /**
   * Pushes the local commits the remote does not have yet (a rejection throws REJECTED) and returns
   * what is to be announced: our commits since the last {@link #announced} one, so that a push
   * whose event was lost in a crash is announced after the restart.
   */
  Pushed push() throws GitFailure;

  /** Records that the {@code commit pushed} event up to {@code sha} is published. */
  void announced(String sha);

  /** The local head, if the branch has any commit. */
  Optional<String> head();

  /** The submodules of the local head's {@code .gitmodules} by path, with their gitlinks. */
  Map<String, Pin> pins() throws GitFailure;

  @Override
  void close();

  /** What a push carried: none when the remote already had everything. */
  record Pushed(
      String sha, List<String> messages, int filesChanged, List<CommitPushed.PinMove> pins) {
    public Pushed {
      messages = List.copyOf(messages);
      pins = List.copyOf(pins);
    }

    public Pushed(String sha, List<String> messages, int filesChanged) {
      this(sha, messages, filesChanged, List.of());
    }

    public boolean nothing() {
      return messages.isEmpty();
    }
  }
}
