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
        foreach (var mode in new[] { "gunzip", "parse", "import", "reimport", "index" })
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
            "(no store); `import` is `paperboy import` into a new SQLite store, and `reimport` the same file again (every record unchanged). " +
            "The last row is the keyword half of indexing those papers (`paperboy index --rebuild --embedder none`: Lucene BM25 over title and abstract); " +
            "embedding them is measured apart (`embed`), since at 20-30 papers/s on 2 cores it takes most of an hour.\n" +
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
            return MeasurePaperboy(["--data", store, "import", file, "--json"], root =>
                root.GetProperty("new").GetInt64() + root.GetProperty("changed").GetInt64() + root.GetProperty("unchanged").GetInt64());
        }

        if (mode is "index")
        {
            return MeasurePaperboy(["--data", store, "index", "--rebuild", "--embedder", "none", "--json"], root => root.GetProperty("keyword_papers").GetInt64());
        }

        var parts = BenchReport.RunSelf(ChildCommand, mode, file).Trim().Split(' ');
        return new Sample(long.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture), long.Parse(parts[2], CultureInfo.InvariantCulture));
    }

    /// <summary>Runs the real <c>paperboy</c>, timing it and sampling its peak resident set (VmHWM) until it exits.</summary>
    /// <param name="arguments">The command line, ending with <c>--json</c>.</param>
    /// <param name="papers">Reads how many papers the run handled from its JSON summary.</param>
    private static Sample MeasurePaperboy(string[] arguments, Func<System.Text.Json.JsonElement, long> papers)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "paperboy.dll"));
        foreach (var argument in arguments)
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
        return new Sample(papers(summary.RootElement), seconds, peak);
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
        "reimport" => "`paperboy import` again (all unchanged)",
        _ => "`paperboy index --rebuild --embedder none` (keyword index)",
    };
}
