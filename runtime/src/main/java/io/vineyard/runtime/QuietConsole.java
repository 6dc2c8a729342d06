package io.vineyard.runtime;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What bundles print to {@code System.out} and {@code System.err} (SCR's messages, mostly), sent on
 * to stderr line by line with their stack traces left out unless the log level is DEBUG or finer: a
 * failed start is told in one line per cause by the launcher, not in SCR's 60 to 180 frames. Until
 * {@link #ready()}, SCR's reports of a component that failed to activate are left out too (and the
 * exception line after each), since the launcher prints each failed component once, with its
 * innermost cause.
 */
final class QuietConsole extends OutputStream {
  private final PrintStream target;
  private final boolean traces;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private volatile boolean started;
  private boolean skipNext;
  private boolean dropped;

  private QuietConsole(PrintStream target, boolean traces) {
    this.target = target;
    this.traces = traces;
  }

  /** A print stream for {@code System.out} that writes to {@code target}. */
  static QuietConsole over(PrintStream target, boolean traces) {
    return new QuietConsole(target, traces);
  }

  PrintStream stream() {
    return new PrintStream(this, true, StandardCharsets.UTF_8);
  }

  /** The runtime serves: from now on SCR's activation failures are printed (without traces). */
  void ready() {
    started = true;
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      emit(line.toString(StandardCharsets.UTF_8));
      line.reset();
    } else {
      line.write(b);
    }
  }

  @Override
  public synchronized void flush() {
    target.flush();
  }

  private void emit(String text) {
    if (traces) {
      target.println(text);
      return;
    }
    boolean skip = skipNext || (dropped && text.isBlank());
    skipNext = false;
    dropped = false;
    if (skip || isTrace(text)) {
      dropped = true;
      return;
    }
    if (!started
        && (text.startsWith("ERROR : bundle ")
            || text.startsWith("WARN  : bundle ")
                && text.contains("Could not get service from ref"))) {
      // a component that failed (or could not get one that failed): the launcher says so once
      skipNext = text.contains("thrown an exception") || text.contains("Failed creating");
      dropped = true;
      return;
    }
    target.println(text);
  }

  static boolean isTrace(String text) {
    String t = text.stripLeading();
    return (text.startsWith("\t") || text.startsWith("    "))
            && (t.startsWith("at ") || t.startsWith("... "))
        || t.startsWith("Caused by: ")
        || t.startsWith("Suppressed: ");
  }
}
