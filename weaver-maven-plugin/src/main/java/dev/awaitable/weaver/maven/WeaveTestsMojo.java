package dev.awaitable.weaver.maven;

import java.nio.file.Path;
import java.util.List;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/** Weaves the module's test classes ({@code target/test-classes}) after javac. */
@Mojo(
        name = "weave-tests",
        defaultPhase = LifecyclePhase.PROCESS_TEST_CLASSES,
        requiresDependencyResolution = ResolutionScope.TEST,
        threadSafe = true)
public final class WeaveTestsMojo extends AbstractWeaveMojo {

    @Override
    Path classesDirectory() {
        return Path.of(project.getBuild().getTestOutputDirectory());
    }

    @Override
    List<String> classpathElements() throws DependencyResolutionRequiredException {
        return project.getTestClasspathElements();
    }

    @Override
    List<String> sourceRoots() {
        return project.getTestCompileSourceRoots();
    }
}
