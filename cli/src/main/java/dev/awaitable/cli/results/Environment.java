package dev.awaitable.cli.results;

import java.util.List;
import java.util.Map;

/**
 * Where and how a run happened, so a reader can judge and reproduce it.
 *
 * @param date          ISO-8601 start time
 * @param jdk           java.version
 * @param vendor        java.vendor
 * @param vm            java.vm.name and version
 * @param gc            the garbage collectors in use
 * @param cores         available processors
 * @param cpuModel      the processor's model name (Linux: /proc/cpuinfo), or null
 * @param maxHeapBytes  maximum heap of the measuring JVMs
 * @param os            os.name os.version os.arch
 * @param jvmFlags      flags of the measuring JVMs
 * @param command       the exact command that produced the run
 * @param settings      matrix settings: mode, forks, iterations, JFR on/off, ...
 * @param backends      each backend's reported properties (e.g. loom context affinity mode)
 */
public record Environment(
        String date,
        String jdk,
        String vendor,
        String vm,
        String gc,
        int cores,
        String cpuModel,
        long maxHeapBytes,
        String os,
        List<String> jvmFlags,
        String command,
        Map<String, String> settings,
        Map<String, Map<String, String>> backends) {}
