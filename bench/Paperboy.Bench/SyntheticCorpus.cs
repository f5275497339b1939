using System.Diagnostics;
using Paperboy.Papers;
using Paperboy.Search.Keyword;
using Paperboy.Store;

namespace Paperboy.Bench;

/// <summary>The real 75k arXiv papers, and copies of them under new ids up to any size, with their keyword indexes cached on disk.</summary>
internal static class SyntheticCorpus
{
    private const int BatchSize = 20_000;
    private const string CompleteMarker = "complete";

    /// <summary>The id of the <paramref name="copy"/>-th copy of a paper (copy 0 is the paper itself).</summary>
    public static string CopyId(string id, int copy) => copy == 0 ? id : $"syn{copy:D3}/{id}";

    /// <summary>The keyword index of the first <paramref name="size"/> papers of the real ones repeated, built once under bench/results/cache.</summary>
    /// <returns>The open index and the seconds its build took (0 when it came from the cache).</returns>
    public static (KeywordIndex Index, double BuildSeconds) KeywordIndexOf(IReadOnlyList<Paper> papers, int size)
    {
        var folder = Path.Combine(BenchReport.ResultsFolder(), "cache", $"keyword-arxiv-{size}");
        if (File.Exists(Path.Combine(folder, CompleteMarker)))
        {
            return (KeywordIndex.Open(folder), 0);
        }

        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        var build = Stopwatch.StartNew();
        var index = KeywordIndex.Open(folder);
        var batch = new List<PaperChange>(BatchSize);
        for (var row = 0; row < size; row++)
        {
            var original = papers[row % papers.Count];
            var id = CopyId(original.Id, row / papers.Count);
            batch.Add(new PaperChange(row + 1, id, original with { Id = id }));
            if (batch.Count == BatchSize || row == size - 1)
            {
                index.Apply(batch);
                index.Commit(row + 1);
                batch.Clear();
                Console.Error.WriteLine($"keyword index {size}: {row + 1} papers, {build.Elapsed.TotalSeconds:F0} s");
            }
        }

        index.Compact();
        index.Commit(size);
        build.Stop();
        File.WriteAllText(Path.Combine(folder, CompleteMarker), $"{build.Elapsed.TotalSeconds:F1}\n");
        return (index, build.Elapsed.TotalSeconds);
    }

    /// <summary>The build time recorded when the cached index of <paramref name="size"/> papers was made.</summary>
    public static string RecordedBuildSeconds(int size)
    {
        var marker = Path.Combine(BenchReport.ResultsFolder(), "cache", $"keyword-arxiv-{size}", CompleteMarker);
        return File.Exists(marker) ? File.ReadAllText(marker).Trim() : "?";
    }

    /// <summary>The keyword index's size on disk in bytes.</summary>
    public static long KeywordBytes(int size) =>
        new DirectoryInfo(Path.Combine(BenchReport.ResultsFolder(), "cache", $"keyword-arxiv-{size}")).EnumerateFiles().Sum(f => f.Length);
}
