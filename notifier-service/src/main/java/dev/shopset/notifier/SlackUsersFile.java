package dev.shopset.notifier;

import dev.shopset.notifier.domain.SlackUsers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The Slack user mapping: the properties' entries and the mounted file's lines, the file read again
 * when it changes (a ConfigMap edit reaches the pod without a restart). A file that became
 * unreadable or invalid keeps the last good mapping, and says so in the log.
 */
final class SlackUsersFile implements Supplier<SlackUsers> {

  private static final Logger LOG = Logger.getLogger(SlackUsersFile.class);

  private final Path file;
  private final SlackUsers fromProperties;
  private SlackUsers current;
  private FileTime readAt;

  SlackUsersFile(Path file, Map<String, String> properties) {
    this.file = file;
    this.fromProperties = SlackUsers.of(properties);
    this.current = fromProperties;
    get();
    LOG.infof("Slack user mapping: %d people", current.size());
  }

  @Override
  public synchronized SlackUsers get() {
    if (file == null) {
      return current;
    }
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      if (!modified.equals(readAt)) {
        current = fromProperties.and(SlackUsers.parse(Files.readString(file)));
        readAt = modified;
      }
    } catch (IOException | IllegalArgumentException e) {
      LOG.errorf(
          "Cannot read the Slack user mapping %s, keeping the last good one (%d people): %s",
          file, current.size(), e.getMessage());
    }
    return current;
  }
}
