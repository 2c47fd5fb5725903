package dev.shopset.testkit.architecture.planted.domain;

import org.eclipse.jgit.lib.ObjectId;

/** Planted: a domain class using JGit. */
public class Rule {
  public ObjectId zero() {
    return ObjectId.zeroId();
  }
}
