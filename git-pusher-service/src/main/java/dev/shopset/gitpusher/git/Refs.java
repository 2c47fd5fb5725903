package dev.shopset.gitpusher.git;

import java.io.IOException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;

/** Reading and moving refs of a local repository. */
final class Refs {

  private Refs() {}

  /** The object a ref points to, or null when there is no such ref. */
  static ObjectId id(Repository repo, String ref) throws IOException {
    Ref r = repo.exactRef(ref);
    return r == null ? null : r.getObjectId();
  }

  /** Points {@code ref} at {@code id}, whatever it pointed to before. */
  static void set(Repository repo, String ref, ObjectId id) throws IOException {
    RefUpdate update = repo.updateRef(ref);
    update.setNewObjectId(id);
    update.setForceUpdate(true);
    RefUpdate.Result result = update.update();
    if (result == RefUpdate.Result.LOCK_FAILURE || result == RefUpdate.Result.IO_FAILURE) {
      throw new IOException("Cannot move " + ref + ": " + result);
    }
  }

  /** Moves {@code ref} from {@code expected} (null: the ref is new) to {@code id}, or throws. */
  static void advance(Repository repo, String ref, ObjectId expected, ObjectId id)
      throws IOException {
    RefUpdate update = repo.updateRef(ref);
    update.setNewObjectId(id);
    update.setExpectedOldObjectId(expected == null ? ObjectId.zeroId() : expected);
    RefUpdate.Result result = update.update();
    if (result != RefUpdate.Result.NEW && result != RefUpdate.Result.FAST_FORWARD) {
      throw new IOException("Cannot move " + ref + ": " + result);
    }
  }

  /** Deletes {@code ref} when it exists. */
  static void delete(Repository repo, String ref) throws IOException {
    if (repo.exactRef(ref) != null) {
      RefUpdate update = repo.updateRef(ref);
      update.setForceUpdate(true);
      update.delete();
    }
  }
}
