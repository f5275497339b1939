using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Paperboy.Search.Embeddings;
using Paperboy.Search.Evaluation;
using Paperboy.Store;
using Paperboy.Store.Sqlite;

namespace Paperboy.Bench;

/// <summary>wrk against <c>paperboy serve</c> on loopback over the 75k sample: pages, search and API beside a static file.</summary>
internal static partial class WebLoadBenchmark
{
    private const string Address = "http://127.0.0.1:5099";

    /// <summary>Requests in flight for the second search run: two per core, so both cores stay busy without a queue.</summary>
    private static readonly int _searchConnections = 2 * Environment.ProcessorCount;

    public static int Run(BenchArguments options)
    {
        var seconds = options.GetInt("seconds", 10);
        var connections = options.GetInt("connections", 32);
        var directory = WebLoadCorpus.Prepare(options.Get("file") ?? BenchReport.SharedData("arxiv/arxiv-metadata-75k.jsonl.gz"));
        var paperPaths = WritePaths("paper-paths.txt", PaperIds(directory).Select(id => "/papers/" + id));
        var queries = BeirDataset.ReadQueries(Path.Combine(BenchReport.SharedData("beir-scifact"), "queries.jsonl")).Select(q => Uri.EscapeDataString(q.Text)).Distinct().Take(1000).ToList();
        var searchPaths = WritePaths("search-paths.txt", queries.Select(q => "/search?q=" + q));
        var apiSearchPaths = WritePaths("api-search-paths.txt", queries.Select(q => "/api/papers/search?limit=10&q=" + q));

        var claims = BeirDataset.ReadQueries(Path.Combine(BenchReport.SharedData("beir-scifact"), "queries.jsonl")).Select(q => q.Text).Distinct().Take(300).ToList();
        using var embedder = (OnnxSentenceEmbedder)TextEmbedders.Create(TextEmbedders.MiniLm, new OnnxEmbedderOptions { IntraOpThreads = 1, QuantizedQueries = true });
        var embeddingMs = QueryEmbeddingMilliseconds(embedder, claims);
        using var server = StartServer(directory);
        try
        {
            WaitUntilCaughtUp();
            var coldPaperMs = Prime(paperPaths);
            var targets = new (string What, string Path, string? PathsFile, int Connections)[]
            {
                ("reference: static file (site.css) from the same Kestrel", "/assets/site.css", null, connections),
                ("daily page `/`", "/", null, connections),
                ("paper page, 1,000 papers in turn", "/papers/{id}", paperPaths, connections),
                ("search page, 1,000 SciFact claims in turn (hybrid: BM25 + MiniLM)", "/search?q=...", searchPaths, connections),
                ("API daily papers `/api/daily_papers`", "/api/daily_papers", null, connections),
                ("API search, 1,000 claims in turn", "/api/papers/search?q=...", apiSearchPaths, connections),
                ($"API search, 1,000 claims in turn, {_searchConnections} connections", "/api/papers/search?q=...", apiSearchPaths, _searchConnections),
                ($"search page, 1,000 claims in turn, {_searchConnections} connections", "/search?q=...", searchPaths, _searchConnections),
            };
            var rows = new List<string[]>();
            foreach (var (what, path, pathsFile, clients) in targets)
            {
                // Before a search row, with the server idle, the model alone again: the machine's speed at that moment.
                var referenceMs = path.Contains("search", StringComparison.Ordinal) ? QueryEmbeddingMilliseconds(embedder, claims) : (double?)null;
                Wrk(path, pathsFile, 3, clients);
                server.Refresh();
                var cpuBefore = server.TotalProcessorTime;
                var result = Wrk(path, pathsFile, seconds, clients);
                server.Refresh();
                var cpuPerRequest = (server.TotalProcessorTime - cpuBefore).TotalMilliseconds / (result.RequestsPerSecond * seconds);
                Console.WriteLine($"{what}: {result.RequestsPerSecond:N0} requests/s, p99 {result.P99Ms:N1} ms, {cpuPerRequest:N2} ms server CPU a request, {result.Errors} non-2xx");
                rows.Add([what, clients.ToString(CultureInfo.InvariantCulture), result.RequestsPerSecond.ToString("N0", CultureInfo.InvariantCulture),
                    result.P50Ms.ToString("N1", CultureInfo.InvariantCulture), result.P99Ms.ToString("N1", CultureInfo.InvariantCulture),
                    cpuPerRequest.ToString(cpuPerRequest < 1 ? "N3" : "N2", CultureInfo.InvariantCulture), result.Errors.ToString(CultureInfo.InvariantCulture),
                    referenceMs?.ToString("N2", CultureInfo.InvariantCulture) ?? ""]);
            }

            // Measured again once the runs are over, with the server idle: this machine's speed drifts by a fifth or more in
            // minutes, and the two figures show how far it moved during the run.
            var embeddingAfterMs = QueryEmbeddingMilliseconds(embedder, claims);
            var body = $"`wrk -t2 -c{connections} -d{seconds}s --latency` (fewer connections where the table says) against `paperboy serve` on {Address} (Release build, default settings but for the " +
                "search rate limit, lifted for the run), after a 3-second warm-up per target; wrk and the server share the machine's cores. " +
                "Data: the 75k arXiv sample, keyword index built, and a MiniLM vector for every paper (the demo corpus's real vectors where " +
                "they belong, perturbed copies of them for the rest: a search's cost depends on the count and dimension of vectors, not their values; " +
                "see `WebLoadCorpus`). Paths cycle per `bench/wrk/cycle.lua`. A paper page's view (with its related papers, a vector search) is " +
                $"cached until the store changes; the 1,000 paper pages were each fetched once before the run, one at a time, at {coldPaperMs:N1} ms each on average " +
                "(the uncached cost). Searches are not cached: every request embeds its query with MiniLM (the default `Embedders`, int8 queries), " +
                "runs BM25 (top 100, pruned) and searches the vector index (int8 codes of the nearest clusters, exact rescoring), then fuses; " +
                "the rows of the papers a search shows come from the server's cache of the 10,000 papers read last (`PaperRowCache`), which " +
                "holds every paper the 1,000 claims show once they have all run (10 results each). " +
                $"For scale: embedding one claim with MiniLM in int8 on one thread, as the server does, one claim at a time in this process, " +
                $"took {embeddingMs:N1} ms before the server started and {embeddingAfterMs:N1} ms after the runs (mean of 300 claims each; the machine's speed drifts, " +
                "so the search rows give the same measure again, taken just before each with the server idle): " +
                $"query embedding alone caps search near {Environment.ProcessorCount * 2000 / (embeddingMs + embeddingAfterMs):N0} requests/s on {Environment.ProcessorCount} cores. " +
                "Server CPU a request: the server process's user and system time during the measured run over the requests it answered " +
                "(wrk's own share of the cores is not in it). " +
                $"With {connections} connections a search waits behind up to {connections - 1} others on {Environment.ProcessorCount} cores, so its latency is mostly queueing; " +
                $"the last two rows keep {_searchConnections} requests in flight, enough to load both cores.\n\n" +
                BenchReport.Table(["what", "connections", "requests/s", "p50 ms", "p99 ms", "server CPU a request, ms", "non-2xx", "reference: the model alone just before, ms a claim"], rows) +
                "\nReproduce: `dotnet run -c Release --project bench/Paperboy.Bench -- web` (needs wrk: `apt-get install wrk`).\n";
            BenchReport.Write("web", "Web load (wrk)", body);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }

        return 0;
    }

    private sealed record WrkResult(double RequestsPerSecond, double P50Ms, double P99Ms, long Errors);

    private static Process StartServer(string directory)
    {
        var start = WebLoadCorpus.PaperboyStart("--data", directory, "serve", "--urls", Address);
        start.Environment["PAPERBOY__SEARCHPERMITSPERWINDOW"] = "1000000000";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine($"serve: {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static void WaitUntilCaughtUp()
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromMinutes(5))
        {
            try
            {
                var health = client.GetFromJsonAsync<JsonElement>($"{Address}/healthz").GetAwaiter().GetResult();
                if (health.GetProperty("keywordLag").GetInt64() == 0 && health.GetProperty("embeddingBacklog").GetInt64() == 0
                    && health.GetProperty("embeddingSequence").GetInt64() == health.GetProperty("storeSequence").GetInt64())
                {
                    Console.WriteLine($"server ready after {clock.Elapsed.TotalSeconds:N1} s: {health}");
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            Thread.Sleep(1000);
        }

        throw new TimeoutException("paperboy serve did not catch up within 5 minutes");
    }

    /// <summary>Mean milliseconds to embed one query as the server does (MiniLM, int8, one thread per model run), one query at a time.</summary>
    private static double QueryEmbeddingMilliseconds(OnnxSentenceEmbedder embedder, List<string> queries)
    {
        embedder.EmbedQuery(queries[0]);
        var clock = Stopwatch.StartNew();
        foreach (var query in queries)
        {
            embedder.EmbedQuery(query);
        }

        return clock.Elapsed.TotalMilliseconds / queries.Count;
    }

    /// <summary>Fetches every path once, one at a time; returns the mean milliseconds per request.</summary>
    private static double Prime(string pathsFile)
    {
        using var client = new HttpClient { BaseAddress = new Uri(Address), Timeout = TimeSpan.FromSeconds(60) };
        var paths = File.ReadAllLines(pathsFile);
        var clock = Stopwatch.StartNew();
        foreach (var path in paths)
        {
            using var response = client.GetAsync(path).GetAwaiter().GetResult();
            response.EnsureSuccessStatusCode();
        }

        return clock.Elapsed.TotalMilliseconds / paths.Length;
    }

    private static WrkResult Wrk(string path, string? pathsFile, int seconds, int connections)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-t2", $"-c{connections}", $"-d{seconds}s", "--timeout", "10s", "--latency" })
        {
            start.ArgumentList.Add(argument);
        }

        if (pathsFile is null)
        {
            start.ArgumentList.Add(Address + path);
        }
        else
        {
            foreach (var argument in new[] { "-s", Path.Combine(BenchReport.RepositoryRoot(), "bench", "wrk", "cycle.lua"), Address, "--", pathsFile })
            {
                start.ArgumentList.Add(argument);
            }
        }

        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start (apt-get install wrk)");
        var output = wrk.StandardOutput.ReadToEnd();
        wrk.WaitForExit();
        return new WrkResult(
            double.Parse(RequestsPerSecond().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            Milliseconds(Percentile(output, "50")),
            Milliseconds(Percentile(output, "99")),
            NonSuccess().Match(output) is { Success: true } m ? long.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0);
    }

    private static string Percentile(string output, string percent) =>
        Regex.Match(output, $@"^\s+{percent}%\s+(\S+)", RegexOptions.Multiline).Groups[1].Value;

    private static double Milliseconds(string value)
    {
        var unit = UnitSuffix().Match(value);
        var number = double.Parse(unit.Groups[1].Value, CultureInfo.InvariantCulture);
        return unit.Groups[2].Value switch
        {
            "us" => number / 1000,
            "ms" => number,
            "s" => number * 1000,
            var other => throw new FormatException($"wrk latency '{value}' has an unknown unit '{other}'"),
        };
    }

    private static string WritePaths(string name, IEnumerable<string> paths)
    {
        var file = Path.Combine(BenchReport.ResultsFolder(), "cache", name);
        File.WriteAllLines(file, paths);
        return file;
    }

    private static List<string> PaperIds(string directory)
    {
        using var store = SqlitePaperStore.Open(directory);
        var ids = store.List(new PaperQuery { Order = PaperOrder.Id, Limit = 75_000 }).Select(p => p.Id).ToList();
        return ids.Where((_, i) => i % Math.Max(1, ids.Count / 1000) == 0).Take(1000).Select(Uri.EscapeDataString).ToList();
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"^([\d.]+)(us|ms|s)$")]
    private static partial Regex UnitSuffix();
}
