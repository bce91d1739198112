/** What we compare: workloads, scenarios and the measurement tools (arriving with the comparisons issues). */
package dev.awaitable.comparisons;
