package dev.shopset.local;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Follows the notifier's log (it runs without Slack locally and writes each message it would post
 * or update there) and prints those messages, a block each, as they appear.
 */
final class SlackConsole implements AutoCloseable {

  /** The first line of a message the notifier's log mode writes: "[#channel] new message ...". */
  private static final Pattern MESSAGE_START =
      Pattern.compile("\\[(#[^\\]]+)\\] ((new message|message \\S+ now reads).*):$");

  /** Every log line starts with a date; a message's further lines do not. */
  private static final Pattern LOG_LINE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2} .*");

  private final Path log;
  private final Consumer<String> print;
  private final List<String> messages = new CopyOnWriteArrayList<>();
  private final Thread reader;
  private volatile boolean stopped;

  SlackConsole(Path log, Consumer<String> print) {
    this.log = log;
    this.print = print;
    this.reader = Thread.ofPlatform().name("slack-console").daemon().start(this::follow);
  }

  /** Every message seen so far, its header line first. */
  List<String> messages() {
    return List.copyOf(messages);
  }

  private void follow() {
    List<String> block = null;
    long offset = 0;
    StringBuilder partial = new StringBuilder();
    while (!stopped) {
      try {
        if (Files.exists(log) && Files.size(log) > offset) {
          try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            file.seek(offset);
            byte[] bytes = new byte[(int) Math.min(file.length() - offset, 1 << 20)];
            file.readFully(bytes);
            offset += bytes.length;
            partial.append(new String(bytes, StandardCharsets.UTF_8));
          }
          int newline;
          while ((newline = partial.indexOf("\n")) >= 0) {
            String line = partial.substring(0, newline);
            partial.delete(0, newline + 1);
            block = accept(line, block);
          }
        } else {
          if (block != null && partial.isEmpty()) {
            flush(block);
            block = null;
          }
          Waits.pause(Duration.ofMillis(200));
        }
      } catch (IOException e) {
        Waits.pause(Duration.ofMillis(500));
      }
    }
  }

  private List<String> accept(String line, List<String> block) {
    var start = MESSAGE_START.matcher(line);
    if (start.find() && LOG_LINE.matcher(line).matches()) {
      if (block != null) {
        flush(block);
      }
      List<String> fresh = new ArrayList<>();
      fresh.add(start.group(1) + " " + start.group(2));
      return fresh;
    }
    if (block != null && !LOG_LINE.matcher(line).matches()) {
      block.add(line);
      return block;
    }
    if (block != null) {
      flush(block);
    }
    return null;
  }

  private void flush(List<String> block) {
    String message = String.join("\n", block);
    messages.add(message);
    print.accept("slack     " + String.join("\n              ", block));
  }

  @Override
  public void close() throws InterruptedException {
    stopped = true;
    reader.join(2_000);
  }
}
