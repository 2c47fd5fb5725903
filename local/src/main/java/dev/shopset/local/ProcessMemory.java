package dev.shopset.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of a process, from {@code /proc/<pid>/status} (0 where there is no /proc). */
public record ProcessMemory(long rssKib, long peakKib) {

  public static ProcessMemory of(long pid) {
    long rss = 0;
    long peak = 0;
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          rss = kib(line);
        } else if (line.startsWith("VmHWM:")) {
          peak = kib(line);
        }
      }
    } catch (IOException | NumberFormatException e) {
      return new ProcessMemory(0, 0);
    }
    return new ProcessMemory(rss, peak);
  }

  private static long kib(String line) {
    return Long.parseLong(line.replaceAll("[^0-9]", ""));
  }
}
