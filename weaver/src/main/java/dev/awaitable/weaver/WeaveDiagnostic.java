package dev.awaitable.weaver;

/**
 * Why a class cannot be woven, at a place in its source: printed as javac prints an error,
 * {@code File.java:LINE: error: message}, so IDEs and CI logs link it to the line.
 *
 * @param className the class, as an internal name ({@code pkg/Outer$Inner})
 * @param sourceFile the class's {@code SourceFile} attribute, or its simple name + ".java" when absent
 * @param line the source line, or 0 when the class has no line numbers
 * @param message what is wrong and how to fix it, one sentence or two
 */
public record WeaveDiagnostic(String className, String sourceFile, int line, String message) {

    @Override
    public String toString() {
        return sourceFile + ":" + line + ": error: " + message;
    }
}
