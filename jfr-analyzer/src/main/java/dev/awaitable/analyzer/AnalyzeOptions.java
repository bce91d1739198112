package dev.awaitable.analyzer;

import java.nio.file.Path;
import java.util.List;

/**
 * What {@code ./awaitable analyze} was asked to do.
 *
 * @param files         the recordings to analyze, in order
 * @param vs            the recording each is compared with ({@code --vs}), or null
 * @param operations    operations in each of {@code files} ({@code --ops}), or null
 * @param vsOperations  operations in {@code vs} ({@code --vs-ops}), or null; given with {@code operations} or not at all
 * @param json          print JSON instead of text
 * @param html          also write a self-contained HTML page there ({@code --html}), or null
 */
public record AnalyzeOptions(List<Path> files, Path vs, Long operations, Long vsOperations, boolean json, Path html) {}
