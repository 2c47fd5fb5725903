package dev.shopset.gitpusher.git;

import dev.shopset.contracts.events.RenderEvent;
import dev.shopset.contracts.events.RenderResult;
import dev.shopset.gitpusher.domain.Changes;
import dev.shopset.gitpusher.domain.GitFailure;
import dev.shopset.gitpusher.domain.PinChange;
import dev.shopset.gitpusher.domain.RepositoryUrls;
import dev.shopset.gitpusher.domain.SourceHeads;
import dev.shopset.gitpusher.domain.SourceRef;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheBuilder;
import org.eclipse.jgit.dircache.DirCacheEditor;
import org.eclipse.jgit.dircache.DirCacheEditor.DeletePath;
import org.eclipse.jgit.dircache.DirCacheEditor.DeleteTree;
import org.eclipse.jgit.dircache.DirCacheEditor.PathEdit;
import org.eclipse.jgit.dircache.DirCacheEntry;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.jboss.logging.Logger;

/**
 * Builds a new tree from a base tree in an in-memory DirCache: ShopSet directories and Application
 * files replaced whole, {@code .gitmodules} entries and gitlinks (no submodule content fetched).
 * Pure: no network; the heads a new submodule is pinned to come in resolved.
 */
final class TreeEditor {

  private static final Logger LOG = Logger.getLogger(TreeEditor.class);

  private final ObjectReader reader;
  private final ObjectInserter inserter;
  private final DirCache cache = DirCache.newInCore();

  TreeEditor(ObjectReader reader, ObjectInserter inserter, ObjectId baseTree) throws IOException {
    this.reader = reader;
    this.inserter = inserter;
    if (baseTree != null) {
      DirCacheBuilder builder = cache.builder();
      builder.addTree(new byte[0], 0, reader, baseTree);
      builder.finish();
    }
  }

  /**
   * Applies the changes; a submodule a render declares anew is pinned to its head in {@code heads}.
   * Returns the gitlinks that moved.
   */
  List<PinChange> apply(Changes changes, SourceHeads heads) throws IOException, GitFailure {
    DirCacheEditor deletions = cache.editor();
    for (RenderEvent event : changes.renders()) {
      deletions.add(new DeleteTree(event.directory()));
      deletions.add(new DeletePath(event.applicationFile()));
    }
    deletions.finish();

    DirCacheEntry modulesEntry = cache.getEntry(Trees.GITMODULES);
    String modulesBefore =
        modulesEntry == null
            ? ""
            : new String(
                reader.open(modulesEntry.getObjectId()).getBytes(), StandardCharsets.UTF_8);
    Config modules = Trees.modules(modulesBefore);
    Map<String, String> links = new HashMap<>();
    List<PinChange> pins = new ArrayList<>();
    Map<String, PathEdit> additions = new java.util.TreeMap<>();
    for (RenderEvent event : changes.renders()) {
      if (event instanceof RenderResult result) {
        addFiles(result, additions);
        for (RenderResult.Submodule sub : result.submodules()) {
          declare(sub, heads, modules, links, pins, additions);
        }
      }
    }
    Set<String> declared = new HashSet<>();
    for (String name : modules.getSubsections("submodule")) {
      declared.add(modules.getString("submodule", name, "path"));
    }
    for (Map.Entry<String, String> move : changes.gitlinks().entrySet()) {
      String path = move.getKey();
      String current = links.getOrDefault(path, gitlink(path));
      if (declared.contains(path) && !move.getValue().equals(current)) {
        link(path, current, move.getValue(), links, pins, additions);
      }
    }
    String modulesAfter = modules.toText();
    if (!modulesAfter.equals(modulesBefore)) {
      ObjectId blob =
          inserter.insert(Constants.OBJ_BLOB, modulesAfter.getBytes(StandardCharsets.UTF_8));
      additions.put(Trees.GITMODULES, edit(Trees.GITMODULES, FileMode.REGULAR_FILE, blob));
    }
    DirCacheEditor editor = cache.editor();
    additions.values().forEach(editor::add);
    editor.finish();
    return pins;
  }

  ObjectId writeTree() throws IOException {
    return cache.writeTree(inserter);
  }

  boolean isEmpty() {
    return cache.getEntryCount() == 0;
  }

  private void addFiles(RenderResult result, Map<String, PathEdit> additions) throws IOException {
    String prefix = result.directory() + "/";
    for (Map.Entry<String, String> file : result.files().entrySet()) {
      String path = file.getKey();
      boolean inside = path.startsWith(prefix) || path.equals(result.applicationFile());
      if (!inside || path.contains("..") || path.startsWith("/")) {
        LOG.warnf(
            "Ignoring %s of %s/%s: outside its directory", path, result.namespace(), result.name());
        continue;
      }
      additions.put(path, blob(path, file.getValue()));
    }
    // The Tier's shared files (its AppProject): written as given, never deleted by a removal.
    for (Map.Entry<String, String> file : result.shared().entrySet()) {
      additions.put(file.getKey(), blob(file.getKey(), file.getValue()));
    }
  }

  private PathEdit blob(String path, String content) throws IOException {
    ObjectId blob = inserter.insert(Constants.OBJ_BLOB, content.getBytes(StandardCharsets.UTF_8));
    return edit(path, FileMode.REGULAR_FILE, blob);
  }

  private void declare(
      RenderResult.Submodule sub,
      SourceHeads heads,
      Config modules,
      Map<String, String> links,
      List<PinChange> pins,
      Map<String, PathEdit> additions) {
    String url = modules.getString("submodule", sub.path(), "url");
    String branch = modules.getString("submodule", sub.path(), "branch");
    String current = links.getOrDefault(sub.path(), gitlink(sub.path()));
    boolean same =
        url != null && RepositoryUrls.same(url, sub.url()) && sub.branch().equals(branch);
    if (same && current != null) {
      return;
    }
    modules.setString("submodule", sub.path(), "path", sub.path());
    modules.setString("submodule", sub.path(), "url", sub.url());
    modules.setString("submodule", sub.path(), "branch", sub.branch());
    String head = heads.of(new SourceRef(sub.url(), sub.branch())).orElse(null);
    if (head == null) {
      LOG.warnf(
          "Branch %s of submodule %s does not exist yet; not pinned", sub.branch(), sub.path());
    } else if (!head.equals(current)) {
      link(sub.path(), current, head, links, pins, additions);
    }
  }

  private void link(
      String path,
      String from,
      String to,
      Map<String, String> links,
      List<PinChange> pins,
      Map<String, PathEdit> additions) {
    links.put(path, to);
    pins.removeIf(p -> p.path().equals(path));
    String original = gitlink(path);
    if (!Objects.equals(original, to)) {
      pins.add(new PinChange(path, original, to));
    }
    additions.put(path, edit(path, FileMode.GITLINK, ObjectId.fromString(to)));
  }

  private String gitlink(String path) {
    DirCacheEntry entry = cache.getEntry(path);
    return entry == null || entry.getFileMode() != FileMode.GITLINK
        ? null
        : entry.getObjectId().name();
  }

  private static PathEdit edit(String path, FileMode mode, ObjectId id) {
    return new PathEdit(path) {
      @Override
      public void apply(DirCacheEntry entry) {
        entry.setFileMode(mode);
        entry.setObjectId(id);
      }
    };
  }
}
