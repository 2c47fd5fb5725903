package dev.shopset.gitpusher.domain;

import java.util.List;

/** Port: the persistent clones of system branches on this instance's disk. */
public interface SystemBranches {

  /** Opens (creating, or recovering after a crash) the clone of {@code branch}. */
  SystemBranch open(BranchId branch);

  /** The branches whose clones are on disk, from an earlier run. */
  List<BranchId> existing();
}
