/**
 * The statistics of the report: a cell's iterations ({@link dev.awaitable.cli.stats.Sample}, and
 * when it is too noisy to use), and confidence intervals of ratios of mean times by the bootstrap
 * ({@link dev.awaitable.cli.stats.Bootstrap}, {@link dev.awaitable.cli.stats.Interval}).
 */
package dev.awaitable.cli.stats;
