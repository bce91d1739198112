package dev.awaitable.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code ./awaitable} commands that run on the JVM: compare, bench, merge, list, scenarios,
 * analyze. Bad input is one line on stderr and exit code 2; a failed run is exit code 1; never a
 * stack trace (unless {@code -Dawaitable.debug=true}).
 */
@Command(
        name = "awaitable",
        mixinStandardHelpOptions = true,
        version = "awaitable 0.1.0",
        description = "One async API for Java, two backends, measured side by side.",
        subcommands = {
            CompareCommand.class,
            BenchCommand.class,
            MergeCommand.class,
            AgreementCommand.class,
            ListCommand.class,
            ScenariosCommand.class,
            AnalyzeCommand.class
        })
public final class Main implements Runnable {

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit code (tests call this). */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Main());
        cl.setParameterExceptionHandler((ex, a) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            String name = ex.getCommandLine().getCommandName();
            String help = "awaitable".equals(name) ? "./awaitable --help" : "./awaitable " + name + " --help";
            err.println("awaitable: " + ex.getMessage().lines().findFirst().orElse("bad arguments") + " (see " + help
                    + ")");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (Boolean.getBoolean("awaitable.debug")) {
                ex.printStackTrace(commandLine.getErr());
            }
            int code = ex instanceof IllegalArgumentException ? 2 : 1;
            commandLine.getErr().println("awaitable " + commandLine.getCommandName() + ": " + Cli.oneLine(ex));
            return code;
        });
        return cl.execute(args);
    }
}
