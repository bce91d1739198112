package dev.awaitable.analyzer;

import java.nio.file.Path;

/**
 * A file that cannot be analyzed: missing, unreadable, empty, not a JFR recording, truncated or
 * corrupt. The message is one line meant for a user ({@code "not a JFR recording: notes.txt"});
 * nothing about it needs a stack trace.
 */
public final class UnreadableRecordingException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    UnreadableRecordingException(Path file, String message) {
        super(oneLine(message));
        this.file = file;
    }

    /** The file, as given. */
    public Path file() {
        return file;
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
