package dev.shopset.testkit.architecture.planted.git;

import dev.shopset.testkit.architecture.planted.kafka.Consumer;

/** Planted: the git adapter reaching into the Kafka adapter. */
public class Workspace {
  public Consumer consumer() {
    return new Consumer();
  }
}
