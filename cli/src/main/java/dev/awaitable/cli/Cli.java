package dev.awaitable.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers shared by the commands. */
final class Cli {
    private Cli() {}

    /** The innermost message, first line only. */
    static String oneLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null
                && root.getCause() != root
                && (root.getMessage() == null || root instanceof java.lang.reflect.InvocationTargetException)) {
            root = root.getCause();
        }
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return msg.lines().findFirst().orElse(msg);
    }

    /** {@code out/<command>-<timestamp>} unless given. */
    static Path outDir(Path given, String command) {
        if (given != null) {
            return given;
        }
        return Path.of(
                "out",
                command + "-"
                        + LocalDateTime.now(ZoneId.systemDefault())
                                .format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    }

    /** Creates the folder and proves it is writable, or throws an IllegalArgumentException saying why. */
    static void requireWritable(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("cannot write to output folder " + dir + ": " + oneLine(e));
        }
    }

    /** Splits "a,b, c" into [a, b, c]; empty for null. */
    static List<String> list(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String v : values) {
                for (String part : v.split(",")) {
                    if (!part.isBlank()) {
                        out.add(part.trim());
                    }
                }
            }
        }
        return out;
    }

    /** Parses repeated {@code name=v1,v2} options. */
    static Map<String, List<String>> params(List<String> specs) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (specs != null) {
            for (String spec : specs) {
                int eq = spec.indexOf('=');
                if (eq <= 0 || eq == spec.length() - 1) {
                    throw new IllegalArgumentException(
                            "malformed --param '" + spec + "': expected name=value[,value...]");
                }
                out.put(spec.substring(0, eq).trim(), list(List.of(spec.substring(eq + 1))));
            }
        }
        return out;
    }

    /** Parses {@code i/n} for --shard. */
    static int[] shard(String spec) {
        if (spec == null) {
            return new int[] {1, 1};
        }
        String[] parts = spec.split("/");
        try {
            int i = Integer.parseInt(parts[0].trim());
            int n = Integer.parseInt(parts[1].trim());
            if (parts.length != 2 || n < 1 || i < 1 || i > n) {
                throw new NumberFormatException();
            }
            return new int[] {i, n};
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed --shard '" + spec + "': expected i/n with 1 <= i <= n");
        }
    }
}
