package io.vineyard.runtime;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What bundles print to {@code System.out} (SCR's messages, mostly), sent on to stderr line by line
 * with their stack traces left out unless the log level is DEBUG or finer: a failed start is told
 * in one line per cause by the launcher, not in SCR's 60 to 180 frames. Until {@link #ready()},
 * SCR's reports of a component that failed to activate are left out too (and the exception line
 * after each), since the launcher prints each failed component once, with its innermost cause.
 */
final class QuietConsole extends OutputStream {
    private final PrintStream target;
    private final boolean traces;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private volatile boolean started;
    private boolean skipNext;

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
        boolean skip = skipNext;
        skipNext = false;
        if (skip || isTrace(text)) {
            return;
        }
        if (!started && text.contains("[") && (text.contains("The activate method has thrown an exception")
                || text.contains("Failed creating the component instance"))) {
            skipNext = true; // and the exception's own line that follows
            return;
        }
        target.println(text);
    }

    static boolean isTrace(String text) {
        String t = text.stripLeading();
        return (text.startsWith("\t") || text.startsWith("    ")) && (t.startsWith("at ") || t.startsWith("... "))
                || t.startsWith("Caused by: ") || t.startsWith("Suppressed: ");
    }
}
