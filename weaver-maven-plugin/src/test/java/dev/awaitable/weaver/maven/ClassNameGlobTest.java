package dev.awaitable.weaver.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** The excludes option's globs over binary class names. */
class ClassNameGlobTest {

    @Test
    void singleStarStaysInOnePackageSegment() {
        Predicate<String> glob = new ClassNameGlob("com.example.*");
        assertThat(glob).accepts("com.example.Foo", "com.example.Foo$Bar").rejects("com.example.sub.Foo");
    }

    @Test
    void doubleStarCrossesSegments() {
        Predicate<String> glob = new ClassNameGlob("com.example.**");
        assertThat(glob).accepts("com.example.Foo", "com.example.sub.Foo").rejects("com.examples.Foo");
        assertThat(new ClassNameGlob("**.*LoomOnly"))
                .accepts("a.b.HelperLoomOnly")
                .rejects("a.b.LoomOnlyHelper");
    }

    @Test
    void dotsAndDollarsMatchThemselves() {
        assertThat(new ClassNameGlob("a.B$C")).accepts("a.B$C").rejects("aXB$C", "a.BxC");
        assertThat(new ClassNameGlob("a.?")).accepts("a.B").rejects("a.BC", "a..");
    }

    @Test
    void noGlobsExcludeNothing() {
        assertThat(ClassNameGlob.anyOf(List.of())).rejects("a.B");
        assertThat(ClassNameGlob.anyOf(List.of("x.*", " a.B ")))
                .accepts("a.B", "x.Y")
                .rejects("a.C");
    }
}
