package dev.awaitable.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The {@code ./awaitable} launcher hands every JVM command to the CLI, and its help lists each. */
class LauncherCommandsTest {

    @Test
    void everyCliCommandIsReachableThroughTheLauncher() throws Exception {
        String launcher = Files.readString(Path.of("..", "awaitable"));
        String dispatch = launcher.lines()
                .map(String::trim)
                .filter(l -> l.startsWith("compare|"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no 'compare|...)' case in the launcher"));
        List<String> dispatched = Arrays.asList(dispatch.replace(")", "").split("\\|"));
        for (String command : new CommandLine(new Main()).getSubcommands().keySet()) {
            assertThat(dispatched).as("launcher case for '%s'", command).contains(command);
            assertThat(launcher).as("launcher help for '%s'", command).containsPattern("(?m)^  " + command + " ");
        }
    }
}
