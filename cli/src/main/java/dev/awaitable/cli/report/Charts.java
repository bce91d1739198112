package dev.awaitable.cli.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.awaitable.cli.results.CellResult;
import dev.awaitable.cli.results.HttpCellResult;
import dev.awaitable.cli.stats.Interval;
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
     * One chart: its container id, a caption, a note under the caption, the spec the page
     * script reads ({@code {"id", "unit", "option"}}), and its height in pixels when it is not
     * the page's default (a forest plot grows with its rows), else 0.
     */
    record Chart(String id, String title, String note, ObjectNode spec, int height) {}

    /** A numeric parameter needs this many values before a line chart is worth drawing. */
    static final int SWEEP_MIN_VALUES = 3;
    /** Axes whose positive values span this factor or more are logarithmic. */
    static final double LOG_SPREAD = 100;

    private static final Map<String, String> KNOWN_COLOURS = Map.of(
            "loom", "#e8590c",
            "statemachine", "#1c7ed6",
            "statemachine-woven", "#15aabf",
            "completable-future", "#2f9e44",
            "virtual-threads", "#ae3ec9",
            "blocking", "#868e96",
            "kotlin-coroutines", "#7048e8");
    private static final String[] OTHER_COLOURS = {"#f08c00", "#0c8599", "#c2255c", "#5c940d", "#364fc7"};
    private static final String[] DASHES = {"solid", "dashed", "dotted"};
    private static final List<Metric> METRICS = List.of(Metric.TIME, Metric.ALLOCATION, Metric.MEMORY_PER_TASK);

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

    /**
     * Headline charts, forest plots of the summary's ratios: one per implementation against the
     * baseline, then loom against plain virtual threads; a dot per workload with its 95% interval,
     * a dashed line at 1. Unstable cells are out, as in the summary table.
     */
    List<Chart> summary(ReportModel model) {
        Summary summary = model.summary();
        List<Chart> out = new ArrayList<>();
        for (String impl : summary.implementations()) {
            addIfAny(
                    out,
                    forest(
                            "summary-" + impl,
                            impl + " / " + summary.baseline() + " mean time, per workload",
                            "geometric mean over parameter sets with its 95% interval; below 1 is faster than "
                                    + summary.baseline(),
                            impl,
                            summary.rows(),
                            r -> r.vsBaseline().get(impl)));
        }
        addIfAny(
                out,
                forest(
                        "summary-loom-vs-virtual-threads",
                        "loom / virtual-threads mean time, per workload",
                        "the Awaitable API on the loom backend against plain virtual threads, with the 95% interval;"
                                + " above 1 is what the API costs",
                        Summary.LOOM,
                        summary.rows(),
                        Summary.Row::loomVsVirtualThreads));
        return out;
    }

    private Chart forest(
            String name,
            String title,
            String note,
            String impl,
            List<Summary.Row> rows,
            java.util.function.Function<Summary.Row, Interval> ratio) {
        List<String> categories = new ArrayList<>();
        List<Interval> intervals = new ArrayList<>();
        for (Summary.Row r : rows) {
            Interval i = ratio.apply(r);
            if (i != null) {
                categories.add(r.table().id());
                intervals.add(i);
            }
        }
        if (intervals.isEmpty()) {
            return null;
        }
        ArrayNode series = json.arrayNode();
        series.add(dots(impl, colour(impl), intervals, rowsOf(intervals)));
        series.add(whiskers(impl, colour(impl), intervals, rowsOf(intervals)));
        markOne((ObjectNode) series.get(0));
        ObjectNode option = forestOption(categories, series, intervals, 10);
        List<Double> ends = ends(intervals);
        double low = Math.min(
                1.0, ends.stream().mapToDouble(Double::doubleValue).min().orElse(1.0));
        double high = Math.max(
                1.0, ends.stream().mapToDouble(Double::doubleValue).max().orElse(1.0));
        ((ObjectNode) option.get("xAxis")).put("min", low * 0.95).put("max", high * 1.05); // 1 is always on the axis
        return chart(name, title, note + logNote(ends, 10), "×", option);
    }

    private static List<Integer> rowsOf(List<Interval> intervals) {
        List<Integer> rows = new ArrayList<>();
        for (int k = 0; k < intervals.size(); k++) {
            rows.add(k);
        }
        return rows;
    }

    /* ---------------- Per workload ---------------- */

    /**
     * The mean time of every cell with its 95% interval (a forest plot: a dot and whiskers per
     * implementation and parameter set), bars per metric for allocation and memory, then a line
     * chart per metric for each numeric sweep, time with its intervals.
     */
    List<Chart> workload(WorkloadTable t) {
        List<Chart> out = new ArrayList<>();
        String omitted = t.failed().isEmpty() ? "" : "; failed cells are not plotted";
        addIfAny(out, timeForest(t, omitted));
        List<String> categories = t.paramSets().stream().map(ParamKeys::label).toList();
        for (Metric m : List.of(Metric.ALLOCATION, Metric.MEMORY_PER_TASK)) {
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

    /** Mean time per cell with its 95% interval, a row per implementation (and parameter set), unstable cells marked. */
    private Chart timeForest(WorkloadTable t, String omitted) {
        ArrayNode series = json.arrayNode();
        List<String> categories = new ArrayList<>();
        List<Interval> all = new ArrayList<>();
        Map<String, List<Interval>> byImpl = new LinkedHashMap<>();
        Map<String, List<Integer>> rowsByImpl = new LinkedHashMap<>();
        for (String params : t.paramSets()) {
            for (String impl : t.implementations()) {
                CellResult c = t.cell(impl, params);
                if (c == null || !c.ok() || c.sample() == null) {
                    continue;
                }
                String label = t.paramSets().size() == 1 ? impl : impl + " · " + ParamKeys.label(params);
                categories.add(c.unstable() ? label + " (unstable)" : label);
                Interval mean = c.sample().meanInterval();
                all.add(mean);
                byImpl.computeIfAbsent(impl, k -> new ArrayList<>()).add(mean);
                rowsByImpl.computeIfAbsent(impl, k -> new ArrayList<>()).add(categories.size() - 1);
            }
        }
        if (all.isEmpty()) {
            return null;
        }
        byImpl.forEach((impl, intervals) -> {
            series.add(dots(impl, colour(impl), intervals, rowsByImpl.get(impl)));
            series.add(whiskers(impl, colour(impl), intervals, rowsByImpl.get(impl)));
        });
        return chart(
                t.id() + "-TIME",
                "Mean time (ns/op) with its 95% interval",
                "a dot per implementation and parameter set, whiskers at the interval's ends (Student's t over the"
                        + " iterations)" + logNote(ends(all), LOG_SPREAD) + omitted,
                "ns/op",
                forestOption(categories, series, all, LOG_SPREAD));
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
                ArrayNode bars = json.arrayNode();
                for (String p : t.paramSets()) {
                    Double x = ParamKeys.numeric(ParamKeys.parse(p).get(param));
                    CellResult cell = t.cell(impl, p);
                    Double y = okValue(m, cell);
                    if (x != null && y != null && ParamKeys.without(p, param).equals(rest.getKey())) {
                        points.put(x, y);
                        if (m == Metric.TIME && cell.sample() != null) {
                            Interval i = cell.sample().meanInterval();
                            bars.add(json.arrayNode().add(x).add(i.low()).add(i.high()));
                            ys.add(i.low());
                            ys.add(i.high());
                        }
                    }
                }
                if (points.isEmpty()) {
                    continue;
                }
                anyLine |= points.size() >= 2;
                xs.addAll(points.keySet());
                ys.addAll(points.values());
                String name = restIndex.size() == 1 || rest.getKey().isEmpty() ? impl : impl + " · " + rest.getKey();
                series.add(line(name, colour(impl), rest.getValue(), points));
                if (!bars.isEmpty()) {
                    ObjectNode w = whiskerSeries(name, colour(impl), "whisker-y", bars);
                    ObjectNode encode = json.objectNode().put("x", 0);
                    encode.set("y", json.arrayNode().add(1).add(2));
                    w.set("encode", encode);
                    series.add(w);
                }
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
                        + (m == Metric.TIME ? ", whiskers at the 95% interval of each mean" : "")
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
        int rows = option.path("yAxis").path("type").asText().equals("category")
                ? option.path("yAxis").path("data").size()
                : 0;
        return new Chart(id, title, note, spec, rows == 0 ? 0 : Math.max(200, 80 + 28 * rows));
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

    /** A dot per interval's point, at the given category rows. */
    private ObjectNode dots(String name, String colour, List<Interval> intervals, List<Integer> rows) {
        ObjectNode s =
                json.objectNode().put("name", name).put("type", "scatter").put("symbolSize", 9);
        ArrayNode data = s.putArray("data");
        for (int k = 0; k < intervals.size(); k++) {
            data.add(json.arrayNode().add(intervals.get(k).point()).add(rows.get(k)));
        }
        s.set("itemStyle", json.objectNode().put("color", colour));
        return s;
    }

    /** The intervals' whiskers, horizontal, at the given category rows. */
    private ObjectNode whiskers(String name, String colour, List<Interval> intervals, List<Integer> rows) {
        ArrayNode data = json.arrayNode();
        for (int k = 0; k < intervals.size(); k++) {
            data.add(json.arrayNode()
                    .add(intervals.get(k).low())
                    .add(intervals.get(k).high())
                    .add(rows.get(k)));
        }
        ObjectNode series = whiskerSeries(name, colour, "whisker-x", data);
        series.set("encode", json.objectNode().set("x", json.arrayNode().add(0).add(1)));
        ((ObjectNode) series.get("encode")).put("y", 2);
        return series;
    }

    /**
     * Whiskers the page script draws (a custom series needs a render function, which JSON cannot
     * carry: {@code renderItem} names it). {@code whisker-x}: rows of {@code [low, high, category]};
     * {@code whisker-y}: rows of {@code [x, low, high]}.
     */
    private ObjectNode whiskerSeries(String name, String colour, String kind, ArrayNode data) {
        ObjectNode s = json.objectNode()
                .put("name", name)
                .put("type", "custom")
                .put("renderItem", kind)
                .put("silent", true);
        s.set("data", data);
        s.set("itemStyle", json.objectNode().put("color", colour));
        s.set("tooltip", json.objectNode().put("show", false));
        return s;
    }

    /** Categories down the y axis (first at the top), values along x, logarithmic when they spread enough. */
    private ObjectNode forestOption(
            List<String> categories, ArrayNode series, List<Interval> intervals, double spread) {
        ObjectNode o = baseOption(series);
        ObjectNode y = json.objectNode().put("type", "category").put("inverse", true);
        ArrayNode data = y.putArray("data");
        categories.forEach(data::add);
        o.set("yAxis", y);
        o.set("xAxis", axis(ends(intervals), spread).put("scale", true));
        ((ObjectNode) o.get("tooltip")).put("trigger", "item");
        return o;
    }

    private static List<Double> ends(List<Interval> intervals) {
        List<Double> out = new ArrayList<>();
        for (Interval i : intervals) {
            out.add(i.low());
            out.add(i.high());
        }
        return out;
    }

    /** A dashed line at 1 (ratio charts), drawn once, on the first series. */
    private void markOne(ObjectNode series) {
        ObjectNode mark = json.objectNode().put("silent", true).put("symbol", "none");
        mark.putArray("data").add(json.objectNode().put("xAxis", 1));
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
