package dev.shopset.local;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** The local run's output: steps, and timestamped details under them. */
final class Console {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

  private final PrintStream out;

  Console(PrintStream out) {
    this.out = out;
  }

  synchronized void step(String text) {
    out.println("==> " + text);
  }

  synchronized void detail(String text) {
    out.println("    " + TIME.format(LocalTime.now()) + "  " + text);
  }

  synchronized void line(String text) {
    out.println(text);
  }
}
