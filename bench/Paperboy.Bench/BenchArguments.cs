namespace Paperboy.Bench;

/// <summary>The <c>--name value</c> options after a bench command, and where the repository and its shared data lie.</summary>
internal sealed class BenchArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public static BenchArguments Parse(string[] args)
    {
        var parsed = new BenchArguments();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"argument {i + 2} '{args[i]}': expected an option such as --count.", nameof(args));
            }

            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            parsed._values[args[i][2..]] = hasValue ? args[++i] : "true";
        }

        return parsed;
    }

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public int GetInt(string name, int fallback)
    {
        var text = Get(name);
        if (text is null)
        {
            return fallback;
        }

        return int.TryParse(text, out var value) && value > 0
            ? value
            : throw new ArgumentException($"--{name} '{text}': expected a positive whole number.", name);
    }

    /// <summary>The repository root: the nearest folder upwards from the working directory that holds Paperboy.slnx.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Paperboy.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"{Environment.CurrentDirectory}: not inside the Paperboy repository (no Paperboy.slnx above it).");
    }

    public string SciFactFolder() =>
        Get("data") ?? Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "data", "beir-scifact"));

    public static string ResultsFolder() => Path.Combine(RepositoryRoot(), "bench", "results");
}
