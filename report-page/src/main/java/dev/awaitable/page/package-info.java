/**
 * The page every HTML output of {@code ./awaitable} is made of: {@link dev.awaitable.page.Page}
 * wraps markup and chart specs in one self-contained document (stylesheet, error hook, Apache
 * ECharts from {@link dev.awaitable.page.ChartLibrary}, the render script), so the comparison
 * report and the JFR analysis look alike and open offline.
 */
package dev.awaitable.page;
