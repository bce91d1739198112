package dev.awaitable.weaver.maven;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A glob over binary class names ({@code com.example.Foo$Bar}): {@code **} matches any run of
 * characters, {@code *} any run within one package segment (no dot), {@code ?} one such
 * character; everything else matches itself.
 */
final class ClassNameGlob implements Predicate<String> {

    private final Pattern pattern;

    ClassNameGlob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
            } else if (c == '*') {
                regex.append("[^.]*");
            } else if (c == '?') {
                regex.append("[^.]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        this.pattern = Pattern.compile(regex.toString());
    }

    /** A predicate true for a name any of the globs matches (false for none). */
    static Predicate<String> anyOf(List<String> globs) {
        return globs.stream()
                .map(g -> (Predicate<String>) new ClassNameGlob(g.strip()))
                .reduce(Predicate::or)
                .orElse(name -> false);
    }

    @Override
    public boolean test(String binaryName) {
        return pattern.matcher(binaryName).matches();
    }
}
