package dev.shopset.gitpusher.git;

import dev.shopset.gitpusher.GitPusherConfig;
import dev.shopset.gitpusher.domain.TierDirectory;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/** Produces the git helpers from the configuration. */
public class GitBeans {

  @Produces
  @Singleton
  RemoteHeads remoteHeads(GitPusherConfig config) {
    return new RemoteHeads(GitCredentials.of(config.credentials()));
  }

  @Produces
  @Singleton
  TierDirectory tierDirectory() {
    return new TierDirectory();
  }

  @Produces
  @Singleton
  SourceBranches sourceBranches(
      GitPusherConfig config, RemoteHeads remoteHeads, TierDirectory tiers) {
    return new SourceBranches(
        remoteHeads, tiers, Path.of(config.workspaceDir()).resolve("sources"));
  }
}
