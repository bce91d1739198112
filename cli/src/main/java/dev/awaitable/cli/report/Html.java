package dev.awaitable.cli.report;

import dev.awaitable.page.Page;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * HTML text helpers. Every string that came from a run (ids, statuses, findings, paths, the
 * command) goes through {@link #escape} before it reaches the page.
 */
final class Html {

    private Html() {}

    /** Text safe in element content and in quoted attribute values. */
    static String escape(String s) {
        return Page.escape(s);
    }

    /**
     * An href for a file the run wrote: a relative path stays relative (to the report's folder),
     * percent-encoded; an absolute path becomes a {@code file:} URI. Anything with a scheme of its
     * own (http:, javascript:, ...) or that is not a path gets no link: null.
     */
    static String fileHref(String path) {
        if (path == null || path.isBlank()) {
            return null;
        }
        String p = path.trim().replace('\\', '/');
        if (p.matches("^[A-Za-z][A-Za-z0-9+.-]*:.*")) {
            return null;
        }
        try {
            Path asPath = Path.of(path.trim());
            if (asPath.isAbsolute()) {
                return asPath.toUri().toString();
            }
        } catch (InvalidPathException e) {
            return null;
        }
        StringBuilder b = new StringBuilder();
        for (byte x : p.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            boolean plain = (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || "-._~/=,+@!$&()*;".indexOf(c) >= 0;
            b.append(plain ? String.valueOf((char) c) : String.format(Locale.ROOT, "%%%02X", c));
        }
        return b.toString();
    }

    /** A DOM id made of safe characters from {@code s}. */
    static String id(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-");
    }
}
