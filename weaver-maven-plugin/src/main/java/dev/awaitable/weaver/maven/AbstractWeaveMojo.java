package dev.awaitable.weaver.maven;

import dev.awaitable.weaver.Weaver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What the two goals share: read the options, weave one output directory with a {@link Weaver}
 * that reads supertypes from the goal's class path, and report. The work itself is
 * {@link ClassDirectoryWeaver}'s; this class only adapts it to Maven.
 */
public abstract class AbstractWeaveMojo extends AbstractMojo {

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    MavenProject project;

    /** Leaves the classes as javac wrote them. */
    @Parameter(property = "awaitable.weave.skip", defaultValue = "false")
    boolean skip;

    /**
     * Classes not to weave, as globs over binary class names ({@code com.example.legacy.**},
     * {@code **.*LoomOnly}): {@code *} matches within one package segment, {@code **} across
     * segments. A nested class is woven with its top-level class, so the top-level name decides.
     */
    @Parameter
    List<String> excludes = new ArrayList<>();

    abstract Path classesDirectory();

    abstract List<String> classpathElements() throws DependencyResolutionRequiredException;

    abstract List<String> sourceRoots();

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("Weaving skipped (awaitable.weave.skip)");
            return;
        }
        Path classes = classesDirectory();
        if (!Files.isDirectory(classes)) {
            getLog().debug("No classes to weave in " + classes);
            return;
        }
        try (ClassPathFiles classpath = ClassPathFiles.open(classpathElements())) {
            ClassDirectoryWeaver weaver =
                    new ClassDirectoryWeaver(new Weaver(classpath)::weave, ClassNameGlob.anyOf(excludes));
            WeaveSummary summary = weaver.weave(classes);
            DiagnosticFormatter formatter = new DiagnosticFormatter(
                    project.getBasedir().toPath(),
                    sourceRoots().stream().map(Path::of).toList());
            report(summary, formatter, classes, getLog());
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("The class path to weave against is not resolved", e);
        } catch (IOException e) {
            throw new MojoExecutionException("Cannot weave " + classes + ": " + e.getMessage(), e);
        }
    }

    /**
     * Prints the diagnostics as javac prints its own (errors first), then fails the build when
     * there is an error; otherwise says what was written.
     */
    static void report(WeaveSummary summary, DiagnosticFormatter formatter, Path classes, Log log)
            throws MojoFailureException {
        summary.errors().forEach(d -> log.error(formatter.error(d)));
        summary.warnings().forEach(d -> log.warn(formatter.warning(d)));
        if (!summary.errors().isEmpty()) {
            int n = summary.errors().size();
            throw new MojoFailureException("awaitable-weaver: " + n + (n == 1 ? " error" : " errors")
                    + " in " + classes + "; nothing was woven (the direct-style code above cannot run on the"
                    + " statemachine backend)");
        }
        log.info("Woven " + summary.rewritten() + " of " + summary.classesRead() + " classes in " + classes
                + (summary.generated() == 0 ? "" : ", " + summary.generated() + " state machines generated"));
    }
}
