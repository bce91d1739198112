package dev.awaitable.loom.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** README's first program runs, says what README says it does, and README shows it as it is here. */
class FirstProgramTest {

    @Test
    void runs() {
        assertThat(FirstProgram.run())
                .containsExactly("page home, page news", "slow: timed out", "stored a", "stored b", "feed closed");
    }

    /** The code between the README markers in FirstProgram.java appears in README.md, line for line. */
    @Test
    void readmeShowsThisProgram() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        Path source = module.resolve("src/test/java/dev/awaitable/loom/examples/FirstProgram.java");
        Path readme = module.getParent().resolve("README.md");
        List<String> lines = Files.readAllLines(source);
        int begin = lines.indexOf("        // README:begin");
        int end = lines.indexOf("        // README:end");
        assertThat(begin).isNotNegative();
        assertThat(end).isGreaterThan(begin);
        String program = String.join(
                "\n",
                lines.subList(begin + 1, end).stream()
                        .map(l -> l.length() >= 8 ? l.substring(8) : l.strip())
                        .toList());
        assertThat(Files.readString(readme)).contains(program);
    }
}
