package dev.awaitable.cli.run;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link MemoryProbe} for one cell in a separate JVM (so nothing of the measuring process
 * is counted) and parses its one-line answer.
 */
public final class MemoryMeasurer {

    /** What the probe measured. */
    public record Measurement(double bytesPerTask, double rssPerTask, Long jolBytes, long tasks, long checksum) {}

    private MemoryMeasurer() {}

    public static Measurement measure(Cell cell, int count, Path log) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(List.of(
                "--add-opens=java.base/java.lang=ALL-UNNAMED",
                "--add-opens=java.base/jdk.internal.vm=ALL-UNNAMED",
                "-Djdk.attach.allowAttachSelf=true",
                "-XX:+EnableDynamicAgentLoading",
                "-Xss1m",
                "-Xmx8g",
                "-Djol.magicFieldOffset=true",
                "-cp",
                System.getProperty("java.class.path"),
                MemoryProbe.class.getName(),
                cell.workload().id(),
                cell.implementation().id(),
                cell.params().key(),
                Integer.toString(count)));
        Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        String answer = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("MEMORY ")) {
                    answer = line;
                }
            }
        }
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("memory probe timed out");
        }
        if (p.exitValue() != 0 || answer == null) {
            throw new IllegalStateException(
                    "memory probe failed (exit " + p.exitValue() + ", see " + log.getFileName() + ")");
        }
        return parse(answer);
    }

    static Measurement parse(String line) {
        double bytes = 0;
        double rss = 0;
        Long jol = null;
        long tasks = 0;
        long checksum = 0;
        for (String part : line.substring("MEMORY ".length()).split(" ")) {
            String[] kv = part.split("=", 2);
            switch (kv[0]) {
                case "bytesPerTask" -> bytes = Double.parseDouble(kv[1]);
                case "rssPerTask" -> rss = Double.parseDouble(kv[1]);
                case "jolBytes" -> jol = "-".equals(kv[1]) ? null : Long.valueOf(kv[1]);
                case "tasks" -> tasks = Long.parseLong(kv[1]);
                case "checksum" -> checksum = Long.parseLong(kv[1]);
                default -> {}
            }
        }
        return new Measurement(bytes, rss, jol, tasks, checksum);
    }
}
