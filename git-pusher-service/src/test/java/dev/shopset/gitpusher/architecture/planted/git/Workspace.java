package dev.shopset.gitpusher.architecture.planted.git;

import dev.shopset.gitpusher.architecture.planted.kafka.Consumer;

/** Planted: the git adapter reaching into the Kafka adapter. */
public class Workspace {
  public Consumer consumer() {
    return new Consumer();
  }
}
