package dev.awaitable.http.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's open-file limits, read from /proc/self/limits (Linux). */
public final class OpenFileLimit {

    private OpenFileLimit() {}

    /** {soft, hard}; "unlimited" reads as {@link Long#MAX_VALUE}. */
    public static long[] current() throws IOException {
        Path limits = Path.of("/proc/self/limits");
        if (!Files.isReadable(limits)) {
            throw new IOException(
                    "cannot read " + limits + " to check the open-file limit (wrk runs on Linux only here)");
        }
        return parse(Files.readString(limits));
    }

    /** Parses the "Max open files  soft  hard  files" row of a /proc/pid/limits text. */
    static long[] parse(String text) throws IOException {
        for (String line : text.split("\\R")) {
            if (line.startsWith("Max open files")) {
                String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                return new long[] {value(f[0]), value(f[1])};
            }
        }
        throw new IOException("no \"Max open files\" row in /proc/self/limits");
    }

    private static long value(String s) {
        return s.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(s);
    }
}
