namespace Paperboy.Bench;

/// <summary>The <c>--name value</c> options after a bench command.</summary>
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

    /// <summary>The BEIR SciFact folder: <c>--data</c>, else the shared copy beside the repository.</summary>
    public string SciFactFolder() => Get("data") ?? BenchReport.SharedData("beir-scifact");
}
