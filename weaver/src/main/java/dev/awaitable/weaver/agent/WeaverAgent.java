package dev.awaitable.weaver.agent;

import dev.awaitable.weaver.Weaver;
import java.lang.instrument.Instrumentation;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * The weaver as a java agent, for runs that bypass the Maven build (an IDE's run button,
 * {@code java -cp}): {@code java -javaagent:awaitable-weaver-<version>.jar -cp ... Main} weaves
 * direct-style bodies as their classes load, as the {@code weave} goal would have at build time.
 * The agent's argument, when given, is a comma-separated list of package prefixes to weave
 * ({@code -javaagent:awaitable-weaver.jar=com.example,org.acme}); without it every class outside
 * the JDK is looked at. Classes already woven by the build come through unchanged.
 *
 * <p>How the generated machines get into the program. A machine must be loaded by its host's
 * class loader, in its host's package, to be its nestmate; but a loader defines only the classes
 * it finds, and the machines exist in no file. Two ways were possible: define them lazily, when the
 * loader is first asked for one, which needs a hook into every loader (there is no such hook for
 * an arbitrary loader: its {@code findClass} fails before any agent sees the name); or define them
 * eagerly, while the host's nest is being woven, before the woven class is returned to the JVM.
 * The agent does the latter: at {@code premain} it opens {@code java.lang} to its own module with
 * {@link Instrumentation#redefineModule} (the supported way for an agent to gain such access) and
 * calls {@code ClassLoader.defineClass} on the host's loader with the host's protection domain.
 * Nothing names a machine before its host's code runs, so defining it first is never observable.
 * When the statemachine backend is not visible to that loader, a machine could never be used, so
 * the nest is left as javac wrote it and runs on loom unchanged.
 *
 * <p>It weaves at first load only ({@code Can-Retransform-Classes: false}): retransformation
 * cannot add the fields and methods a woven class needs. It never attaches itself to a running JVM.
 * A construct the weaver refuses is printed to standard error as javac prints an error, and its
 * class is left unwoven, so running it on the statemachine backend fails with that backend's own
 * message rather than with a verifier error.
 */
public final class WeaverAgent {

    private WeaverAgent() {}

    /** Installs the load-time weaver; {@code args} is null or a list of package prefixes. */
    public static void premain(String args, Instrumentation inst) throws ReflectiveOperationException {
        LoadTimeWeaver weaver = new LoadTimeWeaver(
                classpath -> new Weaver(classpath)::weave, ClassDefiner.open(inst), packages(args), System.err);
        inst.addTransformer(weaver, false);
    }

    /** Internal names in one of the packages {@code args} lists (all when it lists none). */
    static Predicate<String> packages(String args) {
        if (args == null || args.isBlank()) {
            return name -> true;
        }
        List<String> prefixes = Arrays.stream(args.split(","))
                .map(String::strip)
                .filter(p -> !p.isEmpty())
                .map(p -> p.replace('.', '/') + "/")
                .toList();
        return name -> prefixes.stream().anyMatch(name::startsWith);
    }
}
