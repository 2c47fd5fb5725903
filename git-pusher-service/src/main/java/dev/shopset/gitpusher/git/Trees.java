package dev.shopset.gitpusher.git;

import dev.shopset.gitpusher.domain.FailureReason;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.domain.Pin;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.internal.storage.file.ObjectDirectory;
import org.eclipse.jgit.internal.storage.file.PackInserter;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.treewalk.TreeWalk;

/** Helpers over trees: a pack-writing inserter, reading {@code .gitmodules} and gitlinks. */
final class Trees {

  static final String GITMODULES = ".gitmodules";

  private Trees() {}

  /** A pack inserter: thousands of blobs become one pack file, not thousands of loose files. */
  static ObjectInserter inserter(Repository repo) {
    if (repo.getObjectDatabase() instanceof ObjectDirectory dir) {
      PackInserter inserter = dir.newPackInserter();
      inserter.checkExisting(true);
      return inserter;
    }
    return repo.newObjectInserter();
  }

  /** Parses {@code .gitmodules} text; a file git cannot read is INVALID (a person must fix it). */
  static Config modules(String text) throws GitFailure {
    Config config = new Config();
    try {
      config.fromText(text == null ? "" : text);
    } catch (ConfigInvalidException e) {
      throw new GitFailure(
          GitFailure.Kind.INVALID,
          FailureReason.InvalidGitmodules,
          ".gitmodules of the system branch cannot be read ("
              + e.getMessage()
              + "); fix it on the branch, the next change is committed then");
    }
    return config;
  }

  /** The submodules of a tree, with their gitlinks. */
  static Map<String, Pin> pins(ObjectReader reader, ObjectId tree) throws IOException, GitFailure {
    Map<String, Pin> pins = new LinkedHashMap<>();
    TreeWalk modulesFile = TreeWalk.forPath(reader, GITMODULES, tree);
    if (modulesFile == null) {
      return pins;
    }
    Config modules =
        modules(
            new String(reader.open(modulesFile.getObjectId(0)).getBytes(), StandardCharsets.UTF_8));
    for (String name : modules.getSubsections("submodule")) {
      String path = modules.getString("submodule", name, "path");
      if (path == null) {
        continue;
      }
      TreeWalk link = TreeWalk.forPath(reader, path, tree);
      pins.put(
          path,
          new Pin(
              path,
              modules.getString("submodule", name, "url"),
              modules.getString("submodule", name, "branch"),
              link == null ? null : link.getObjectId(0).name()));
    }
    return pins;
  }
}
