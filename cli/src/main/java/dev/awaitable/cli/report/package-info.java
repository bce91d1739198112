/**
 * The report of a comparison run: {@link dev.awaitable.cli.report.ReportWriter} turns a
 * {@link dev.awaitable.cli.results.RunResults} into {@code report.json},
 * {@code report.md} and a self-contained {@code index.html} with charts.
 *
 * <p>One model ({@code ReportModel}: a {@code WorkloadTable} per workload with its
 * {@code Column}s and {@code Ratios}, the {@code Summary}, the {@code ScenarioMatrix}) feeds both
 * renderings ({@code MarkdownReport}, {@code HtmlReport}), and one number rule ({@code Formats})
 * formats every value, so the two never disagree. {@code Charts} builds ECharts options as JSON
 * trees; {@code dev.awaitable.page.Page} makes the self-contained page (stylesheet, embedded ECharts)
 * the JFR analysis's HTML shares.
 */
package dev.awaitable.cli.report;
