package dev.shopset.testkit.architecture.planted.app;

import dev.shopset.testkit.architecture.planted.git.Workspace;

/** Planted: the application layer using an adapter directly. */
public class Loop {
  public Workspace workspace() {
    return new Workspace();
  }
}
