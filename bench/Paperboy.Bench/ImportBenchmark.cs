using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using Paperboy.Ingest;

namespace Paperboy.Bench;

/// <summary>Import throughput and peak memory, beside the ceiling of reading and parsing the same file without a store.</summary>
/// <remarks>
/// Each measurement runs in a fresh process so that its peak memory is its own: the import rows run the real
/// <c>paperboy</c> executable, the reference rows this benchmark's own child process with the same runtime settings.
/// </remarks>
internal static class ImportBenchmark
{
    public const string ChildCommand = "import-child";

    public static int Run(BenchArguments options)
    {
        var file = options.Get("file") ?? BenchReport.SharedData("arxiv/arxiv-metadata-75k.jsonl.gz");
        var runs = options.GetInt("runs", 3);
        var rows = new List<string[]>();
        foreach (var mode in new[] { "gunzip", "parse", "import", "reimport" })
        {
            var samples = Enumerable.Range(0, runs).Select(_ => Measure(mode, file)).ToList();
            var best = samples.MaxBy(s => s.PerSecond)!;
            rows.Add([Describe(mode), best.Papers.ToString("N0", CultureInfo.InvariantCulture), best.Seconds.ToString("N2", CultureInfo.InvariantCulture),
                best.PerSecond.ToString("N0", CultureInfo.InvariantCulture), (samples.Max(s => s.PeakBytes) / 1e6).ToString("N0", CultureInfo.InvariantCulture)]);
        }

        var body = $"Input: `{Path.GetFileName(file)}` ({new FileInfo(file).Length / 1e6:N1} MB compressed). Best of {runs} runs each, every run in a fresh process; " +
            "peak memory is the process's peak resident set (VmHWM), the largest over the runs.\n\n" +
            BenchReport.Table(["what", "papers", "seconds", "papers/s", "peak MB"], rows) +
            "\nThe first two rows are the reference measured in the same run: decompressing alone, then decompressing and parsing every record " +
            "(no store); `import` is `paperboy import` into a new SQLite store, and `reimport` the same file again (every record unchanged).\n" +
            "\nReproduce: `dotnet run -c Release --project bench/Paperboy.Bench -- import`\n";
        BenchReport.Write("import", "Import throughput", body);
        return 0;
    }

    /// <summary>One measurement, in this (fresh) process; prints "papers seconds peakBytes".</summary>
    public static int RunChild(string[] args)
    {
        var (mode, file) = (args[0], args[1]);
        var clock = Stopwatch.StartNew();
        var papers = mode switch
        {
            "gunzip" => Gunzip(file),
            "parse" => Parse(file),
            _ => throw new ArgumentException($"unknown measurement {mode}"),
        };
        var seconds = clock.Elapsed.TotalSeconds;
        using var self = Process.GetCurrentProcess();
        self.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{papers} {seconds} {self.PeakWorkingSet64}"));
        return 0;
    }

    private sealed record Sample(long Papers, double Seconds, long PeakBytes)
    {
        public double PerSecond => Papers / Seconds;
    }

    private static Sample Measure(string mode, string file)
    {
        var store = Path.Combine(Path.GetTempPath(), "paperboy-bench-import");
        if (mode == "import" && Directory.Exists(store))
        {
            Directory.Delete(store, recursive: true);
        }

        if (mode is "import" or "reimport")
        {
            return MeasurePaperboy(store, file);
        }

        var parts = BenchReport.RunSelf(ChildCommand, mode, file).Trim().Split(' ');
        return new Sample(long.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    /// <summary>Runs the real <c>paperboy import</c>, timing it and sampling its peak resident set (VmHWM) until it exits.</summary>
    private static Sample MeasurePaperboy(string store, string file)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "paperboy.dll"), "--data", store, "import", file, "--json" })
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!process.WaitForExit(20))
        {
            peak = Math.Max(peak, PeakResidentBytes(process.Id));
        }

        var seconds = clock.Elapsed.TotalSeconds;
        using var summary = System.Text.Json.JsonDocument.Parse(output.Result);
        var root = summary.RootElement;
        var papers = root.GetProperty("new").GetInt64() + root.GetProperty("changed").GetInt64() + root.GetProperty("unchanged").GetInt64();
        return new Sample(papers, seconds, peak);
    }

    private static long PeakResidentBytes(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static long Gunzip(string file)
    {
        using var input = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        var buffer = new byte[1 << 16];
        long lines = 0;
        int read;
        while ((read = input.Read(buffer)) > 0)
        {
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return lines;
    }

    private static long Parse(string file)
    {
        var input = ImportInput.Open(file, null);
        using var stream = new GZipStream(File.OpenRead(file), CompressionMode.Decompress);
        return input.Reader.Read(stream, file).LongCount(e => e.Record is not null);
    }

    private static string Describe(string mode) => mode switch
    {
        "gunzip" => "reference: gunzip only",
        "parse" => "reference: gunzip + parse",
        "import" => "`paperboy import` into a new store",
        _ => "`paperboy import` again (all unchanged)",
    };
}
