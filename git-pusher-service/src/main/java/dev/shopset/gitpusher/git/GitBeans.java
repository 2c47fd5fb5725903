package dev.shopset.gitpusher.git;

import dev.shopset.gitpusher.GitPusherConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Produces the git helpers from the configuration. */
public class GitBeans {

  @Produces
  @Singleton
  RemoteHeads remoteHeads(GitPusherConfig config) {
    return new RemoteHeads(GitCredentials.of(config.credentials()));
  }
}
