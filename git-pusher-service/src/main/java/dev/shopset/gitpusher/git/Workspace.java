package dev.shopset.gitpusher.git;

import dev.shopset.gitpusher.domain.Changes;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.domain.PinChange;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** A persistent working clone of one branch of one repository: apply, commit, push. */
public interface Workspace extends AutoCloseable {

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
   * Applies the changes on the local head and commits them if the tree changed.
   *
   * @param message builds the message from the pin changes the source heads caused
   * @return the new commit, empty when the tree is unchanged
   */
  Optional<String> commit(Changes changes, Function<List<PinChange>, String> message)
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
  record Pushed(String sha, List<String> messages, int filesChanged) {
    public boolean nothing() {
      return messages.isEmpty();
    }
  }

  /** A submodule: url and branch from {@code .gitmodules}, sha from the gitlink (or null). */
  record Pin(String path, String url, String branch, String sha) {}
}
