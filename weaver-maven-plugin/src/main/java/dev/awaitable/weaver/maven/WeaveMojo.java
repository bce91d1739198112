package dev.awaitable.weaver.maven;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** Weaves the module's main classes ({@code target/classes}) after javac. */
@Mojo(
        name = "weave",
        defaultPhase = LifecyclePhase.PROCESS_CLASSES,
        requiresDependencyResolution = ResolutionScope.COMPILE,
        threadSafe = true)
public final class WeaveMojo extends AbstractWeaveMojo {

    @Override
    Path classesDirectory() {
        return Path.of(project.getBuild().getOutputDirectory());
    }

    @Override
    List<String> classpathElements() throws DependencyResolutionRequiredException {
        return project.getCompileClasspathElements();
    }

    @Override
    List<String> sourceRoots() {
        return project.getCompileSourceRoots();
    }
}
