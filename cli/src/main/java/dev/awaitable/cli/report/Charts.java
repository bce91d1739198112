package dev.awaitable.cli.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.awaitable.cli.results.CellResult;
import dev.awaitable.cli.results.HttpCellResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * ECharts options for the report's charts, built as JSON trees (never by concatenating strings),
 * so any text from a run is data, not code. The page's script adds what JSON cannot carry: number
 * formatters for axes and tooltips, using the same rule as {@link Formats}.
 *
 * <p>Colours follow the implementation everywhere on the page, so loom is the same colour in every
 * chart. Only ok cells are plotted; a failed cell leaves a gap and the chart says so. An axis is
 * logarithmic when its positive values span two orders of magnitude or more.
 */
final class Charts {

    /**
     * One chart: its container id, a caption, a note under the caption, and the spec the page
     * script reads ({@code {"id", "unit", "option"}}).
     */
    record Chart(String id, String title, String note, ObjectNode spec) {}

    /** A numeric parameter needs this many values before a line chart is worth drawing. */
    static final int SWEEP_MIN_VALUES = 3;
    /** Axes whose positive values span this factor or more are logarithmic. */
    static final double LOG_SPREAD = 100;

    private static final Map<String, String> KNOWN_COLOURS = Map.of(
            "loom", "#e8590c",
            "statemachine", "#1c7ed6",
            "completable-future", "#2f9e44",
            "blocking", "#868e96");
    private static final String[] OTHER_COLOURS = {"#ae3ec9", "#f08c00", "#0c8599", "#c2255c", "#5c940d"};
    private static final String[] DASHES = {"solid", "dashed", "dotted"};
    private static final List<Metric> METRICS =
            List.of(Metric.TIME, Metric.P99, Metric.ALLOCATION, Metric.MEMORY_PER_TASK);

    private final JsonNodeFactory json = JsonNodeFactory.instance;
    private final Map<String, String> colours = new LinkedHashMap<>();
    private int nextId;

    Charts(List<String> implementations) {
        int other = 0;
        for (String impl : implementations) {
            String c = KNOWN_COLOURS.get(impl);
            colours.put(impl, c != null ? c : OTHER_COLOURS[other++ % OTHER_COLOURS.length]);
        }
    }

    /* ---------------- Summary ---------------- */

    /** Headline charts: every implementation against the baseline, and loom against statemachine, per workload. */
    List<Chart> summary(ReportModel model) {
        Summary summary = model.summary();
        List<String> workloads =
                summary.rows().stream().map(r -> r.table().id()).toList();
        List<Chart> out = new ArrayList<>();
        if (workloads.isEmpty()) {
            return out;
        }
        if (model.baselineMeasured()) {
            ArrayNode series = json.arrayNode();
            List<Double> all = new ArrayList<>();
            for (String impl : summary.implementations()) {
                List<Double> values = summary.rows().stream()
                        .map(r -> r.vsBaseline().get(impl))
                        .toList();
                all.addAll(values);
                series.add(bars(impl, colour(impl), values));
            }
            if (hasValue(all)) {
                markOne((ObjectNode) series.get(0));
                ObjectNode option = categoryOption(workloads, series, axis(all, 10));
                out.add(chart(
                        "summary-vs-baseline",
                        "Mean time relative to " + model.baseline() + ", per workload",
                        "geometric mean over parameter sets; below 1 is faster" + logNote(all, 10),
                        "×",
                        option));
            }
        }
        List<Double> loom = summary.rows().stream()
                .map(r -> Ratios.geometricMean(r.loomTime()))
                .toList();
        if (hasValue(loom)) {
            ArrayNode series = json.arrayNode();
            series.add(bars("loom / statemachine", colour(Summary.LOOM), loom));
            markOne((ObjectNode) series.get(0));
            ObjectNode option = categoryOption(workloads, series, axis(loom, 10));
            out.add(chart(
                    "summary-loom-vs-statemachine",
                    "loom / statemachine mean time, per workload",
                    "geometric mean over parameter sets; below 1 means loom is faster" + logNote(loom, 10),
                    "×",
                    option));
        }
        return out;
    }

    /* ---------------- Per workload ---------------- */

    /** Bars per metric (grouped by parameter set, a bar per implementation), then a line chart per metric for each numeric sweep. */
    List<Chart> workload(WorkloadTable t) {
        List<Chart> out = new ArrayList<>();
        String omitted = t.failed().isEmpty() ? "" : "; failed cells are not plotted";
        List<String> categories = t.paramSets().stream().map(ParamKeys::label).toList();
        for (Metric m : METRICS) {
            ArrayNode series = json.arrayNode();
            List<Double> all = new ArrayList<>();
            for (String impl : t.implementations()) {
                List<Double> values = t.paramSets().stream()
                        .map(p -> okValue(m, t.cell(impl, p)))
                        .toList();
                if (hasValue(values)) {
                    all.addAll(values);
                    series.add(bars(impl, colour(impl), values));
                }
            }
            if (series.isEmpty()) {
                continue;
            }
            ObjectNode option = categoryOption(categories, series, axis(all, LOG_SPREAD));
            out.add(chart(
                    t.id() + "-" + m.name(),
                    m.label() + " (" + m.unit() + ")",
                    "per implementation and parameter set" + logNote(all, LOG_SPREAD) + omitted,
                    m.unit(),
                    option));
        }
        for (String param : ParamKeys.sweeps(t.paramSets(), SWEEP_MIN_VALUES)) {
            for (Metric m : METRICS) {
                Chart c = sweep(t, param, m, omitted);
                if (c != null) {
                    out.add(c);
                }
            }
        }
        return out;
    }

    /** {@code metric} against the numeric parameter {@code param}: a line per implementation and setting of the other parameters. */
    private Chart sweep(WorkloadTable t, String param, Metric m, String omitted) {
        Map<String, Integer> restIndex = new LinkedHashMap<>();
        for (String p : t.paramSets()) {
            restIndex.putIfAbsent(ParamKeys.without(p, param), restIndex.size());
        }
        ArrayNode series = json.arrayNode();
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        boolean anyLine = false;
        for (String impl : t.implementations()) {
            for (Map.Entry<String, Integer> rest : restIndex.entrySet()) {
                TreeMap<Double, Double> points = new TreeMap<>();
                for (String p : t.paramSets()) {
                    Double x = ParamKeys.numeric(ParamKeys.parse(p).get(param));
                    Double y = okValue(m, t.cell(impl, p));
                    if (x != null && y != null && ParamKeys.without(p, param).equals(rest.getKey())) {
                        points.put(x, y);
                    }
                }
                if (points.isEmpty()) {
                    continue;
                }
                anyLine |= points.size() >= 2;
                xs.addAll(points.keySet());
                ys.addAll(points.values());
                series.add(line(
                        restIndex.size() == 1 || rest.getKey().isEmpty() ? impl : impl + " · " + rest.getKey(),
                        colour(impl),
                        rest.getValue(),
                        points));
            }
        }
        if (!anyLine) {
            return null;
        }
        ObjectNode option = lineOption(series, param, xs, LOG_SPREAD, ys);
        return chart(
                t.id() + "-" + param + "-" + m.name(),
                m.label() + " (" + m.unit() + ") by " + param,
                "a line per implementation" + (restIndex.size() > 1 ? " and setting of the other parameters" : "")
                        + logNote(xs, LOG_SPREAD).replace("log scale", "log x")
                        + logNote(ys, LOG_SPREAD).replace("log scale", "log y")
                        + omitted,
                m.unit(),
                option);
    }

    /* ---------------- HTTP service ---------------- */

    /** Throughput, p99, memory and threads against connections: a line per implementation (and generator, dashed for java). */
    List<Chart> http(HttpTable t) {
        List<Chart> out = new ArrayList<>();
        for (int delay : t.delays()) {
            String suffix = t.delays().size() > 1 ? ", delay " + delay + " ms" : "";
            addIfAny(
                    out,
                    httpSweep(
                            t,
                            delay,
                            "http-rps-" + delay,
                            "Requests/s by connections" + suffix,
                            "req/s",
                            HttpCellResult::requestsPerSecond,
                            true));
            addIfAny(
                    out,
                    httpSweep(
                            t,
                            delay,
                            "http-p99-" + delay,
                            "p99 latency (ms) by connections" + suffix,
                            "ms",
                            HttpCellResult::p99Ms,
                            true));
            addIfAny(
                    out,
                    httpSweep(
                            t,
                            delay,
                            "http-rss-" + delay,
                            "Server resident memory at peak (MiB) by connections" + suffix,
                            "MiB",
                            c -> c.peakRssBytes() == null ? null : c.peakRssBytes() / 1048576.0,
                            false));
            addIfAny(
                    out,
                    httpSweep(
                            t,
                            delay,
                            "http-threads-" + delay,
                            "Server platform threads at peak by connections" + suffix,
                            "",
                            c -> c.peakThreads() == null
                                    ? null
                                    : c.peakThreads().doubleValue(),
                            false));
        }
        return out;
    }

    private static void addIfAny(List<Chart> out, Chart c) {
        if (c != null) {
            out.add(c);
        }
    }

    private Chart httpSweep(
            HttpTable t,
            int delay,
            String name,
            String title,
            String unit,
            java.util.function.Function<HttpCellResult, Double> metric,
            boolean perGenerator) {
        ArrayNode series = json.arrayNode();
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        List<String> generators = perGenerator ? t.generators() : List.of("");
        for (String impl : t.implementations()) {
            for (int g = 0; g < generators.size(); g++) {
                TreeMap<Double, Double> points = new TreeMap<>();
                for (HttpCellResult c : t.rows()) {
                    if (!c.ok()
                            || !c.implementation().equals(impl)
                            || c.delayMs() != delay
                            || (perGenerator && !c.generator().equals(generators.get(g)))) {
                        continue;
                    }
                    Double y = metric.apply(c);
                    if (y != null) {
                        points.merge(
                                (double) c.connections(),
                                y,
                                Math::max); // server-side metrics: the larger of the generators' runs
                    }
                }
                if (points.isEmpty()) {
                    continue;
                }
                xs.addAll(points.keySet());
                ys.addAll(points.values());
                series.add(line(perGenerator ? impl + " · " + generators.get(g) : impl, colour(impl), g, points));
            }
        }
        if (series.isEmpty()) {
            return null;
        }
        ObjectNode option = lineOption(series, "connections", xs, 10, ys);
        String note = (perGenerator
                        ? "a line per implementation and generator (wrk solid, java dashed)"
                        : "a line per implementation")
                + logNote(xs, 10).replace("log scale", "log x")
                + logNote(ys, LOG_SPREAD).replace("log scale", "log y")
                + (t.failedCount() > 0 ? "; failed cells are not plotted" : "");
        return chart(name, title, note, unit, option);
    }

    /* ---------------- Option building ---------------- */

    private Chart chart(String name, String title, String note, String unit, ObjectNode option) {
        String id = "chart-" + nextId++ + "-" + Html.id(name);
        ObjectNode spec = json.objectNode().put("id", id).put("unit", unit);
        spec.set("option", option);
        return new Chart(id, title, note, spec);
    }

    private ObjectNode baseOption(ArrayNode series) {
        ObjectNode o = json.objectNode().put("animation", false);
        o.set("aria", json.objectNode().put("enabled", true));
        o.set("legend", json.objectNode().put("top", 0).put("type", "scroll"));
        o.set("tooltip", json.objectNode().put("trigger", "axis"));
        o.set(
                "grid",
                json.objectNode()
                        .put("left", 8)
                        .put("right", 16)
                        .put("top", 40)
                        .put("bottom", 8)
                        .put("containLabel", true));
        o.set("series", series);
        return o;
    }

    /** A line series of {@code points} (x to y), in the implementation's colour, dashed by {@code dash}. */
    private ObjectNode line(String name, String colour, int dash, SortedMap<Double, Double> points) {
        ArrayNode data = json.arrayNode();
        points.forEach((x, y) -> data.add(json.arrayNode().add(x).add(y)));
        ObjectNode s = json.objectNode().put("name", name).put("type", "line").put("symbolSize", 7);
        s.set("data", data);
        s.set("itemStyle", json.objectNode().put("color", colour));
        s.set("lineStyle", json.objectNode().put("type", DASHES[dash % DASHES.length]));
        return s;
    }

    /** Lines against a numeric x axis named {@code xName}, each axis logarithmic when its values spread enough. */
    private ObjectNode lineOption(ArrayNode series, String xName, List<Double> xs, double xLogSpread, List<Double> ys) {
        ObjectNode option = baseOption(series);
        option.set(
                "xAxis",
                axis(xs, xLogSpread)
                        .put("name", xName)
                        .put("nameLocation", "middle")
                        .put("nameGap", 28));
        option.set("yAxis", axis(ys, LOG_SPREAD));
        ((ObjectNode) option.get("grid")).put("bottom", 44);
        return option;
    }

    private ObjectNode categoryOption(List<String> categories, ArrayNode series, ObjectNode valueAxis) {
        ObjectNode o = baseOption(series);
        ObjectNode x = json.objectNode().put("type", "category");
        ArrayNode data = x.putArray("data");
        categories.forEach(data::add);
        boolean crowded = categories.size() > 4
                || categories.stream().mapToInt(String::length).sum() > 60;
        x.set("axisLabel", json.objectNode().put("interval", 0).put("rotate", crowded ? 30 : 0));
        o.set("xAxis", x);
        o.set("yAxis", valueAxis);
        ((ObjectNode) o.get("tooltip")).set("axisPointer", json.objectNode().put("type", "shadow"));
        return o;
    }

    private ObjectNode bars(String name, String colour, List<Double> values) {
        ObjectNode s = json.objectNode().put("name", name).put("type", "bar");
        ArrayNode data = s.putArray("data");
        values.forEach(v -> {
            if (v == null) {
                data.addNull();
            } else {
                data.add(v);
            }
        });
        s.set("itemStyle", json.objectNode().put("color", colour));
        return s;
    }

    /** A dashed line at 1 (ratio charts), drawn once, on the first series. */
    private void markOne(ObjectNode series) {
        ObjectNode mark = json.objectNode().put("silent", true).put("symbol", "none");
        mark.putArray("data").add(json.objectNode().put("yAxis", 1));
        mark.set("lineStyle", json.objectNode().put("color", "#495057").put("type", "dashed"));
        mark.set("label", json.objectNode().put("formatter", "1"));
        series.set("markLine", mark);
    }

    /** A value axis; unnamed, since the caption names the metric and its unit. */
    private ObjectNode axis(List<Double> values, double logSpread) {
        return json.objectNode().put("type", logScale(values, logSpread) ? "log" : "value");
    }

    static boolean logScale(List<Double> values, double spread) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (Double v : values) {
            if (v == null) {
                continue;
            }
            if (v <= 0) {
                return false;
            }
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max > 0 && max / min >= spread;
    }

    private static String logNote(List<Double> values, double spread) {
        return logScale(values, spread) ? "; log scale" : "";
    }

    private static boolean hasValue(List<Double> values) {
        return values.stream().anyMatch(v -> v != null);
    }

    private static Double okValue(Metric m, CellResult c) {
        return c != null && c.ok() ? m.of(c) : null;
    }

    /** The colour of {@code impl} in every chart (and the table swatches). */
    String colour(String impl) {
        return colours.getOrDefault(impl, KNOWN_COLOURS.getOrDefault(impl, OTHER_COLOURS[0]));
    }
}
