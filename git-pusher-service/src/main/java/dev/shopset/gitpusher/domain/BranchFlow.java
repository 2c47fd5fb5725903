package dev.shopset.gitpusher.domain;

/**
 * Port: holds the intake of one branch's work back (the branch's queue is full) and lets it go
 * again (drained), without holding back other branches.
 */
public interface BranchFlow {

  void full(BranchId branch);

  void drained(BranchId branch);

  /** A flow that never holds anything back. */
  BranchFlow NONE =
      new BranchFlow() {
        @Override
        public void full(BranchId branch) {}

        @Override
        public void drained(BranchId branch) {}
      };
}
