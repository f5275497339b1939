using System.Diagnostics;
using System.Globalization;

namespace Paperboy.Bench;

/// <summary>Latencies of repeated operations: p50, p99, mean, in milliseconds.</summary>
internal sealed class LatencyStats
{
    private readonly List<double> _milliseconds = [];
    private double _cpuMilliseconds;

    public int Count => _milliseconds.Count;

    /// <summary>Runs <paramref name="operation"/> on every item after <paramref name="warmUp"/> untimed ones, timing each.</summary>
    public static LatencyStats Measure<T>(IReadOnlyList<T> items, Action<T> operation, int warmUp = 20)
    {
        foreach (var item in items.Take(warmUp))
        {
            operation(item);
        }

        var stats = new LatencyStats();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        foreach (var item in items)
        {
            var started = Stopwatch.GetTimestamp();
            operation(item);
            stats.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        stats._cpuMilliseconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds / items.Count;
        return stats;
    }

    public void Add(double milliseconds) => _milliseconds.Add(milliseconds);

    public double Percentile(double fraction)
    {
        var sorted = _milliseconds.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public string P50 => Format(Percentile(0.50));

    public string P99 => Format(Percentile(0.99));

    public string Mean => Format(_milliseconds.Average());

    /// <summary>The process's CPU time per operation (all threads): what the operation costs, whatever else shares the machine.</summary>
    public string CpuPerOperation => Format(_cpuMilliseconds);

    private static string Format(double milliseconds) => milliseconds.ToString(milliseconds < 10 ? "F2" : "F1", CultureInfo.InvariantCulture) + " ms";
}
