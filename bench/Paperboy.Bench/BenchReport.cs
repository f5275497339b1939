using System.Diagnostics;
using System.Text;

namespace Paperboy.Bench;

/// <summary>Writes a benchmark's results file: a markdown table plus the machine and date it ran on.</summary>
internal static class BenchReport
{
    /// <summary>The repository root (the folder holding Paperboy.slnx), found from the working directory.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Paperboy.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run the benchmarks from inside the Paperboy repository");
    }

    public static string SharedData(string relative) => Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "data", relative));

    public static void Write(string name, string title, string body)
    {
        var path = Path.Combine(RepositoryRoot(), "bench", "results", name + ".md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = new StringBuilder()
            .AppendLine($"# {title}")
            .AppendLine()
            .AppendLine($"- date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC")
            .AppendLine($"- machine: {CpuModel()}, {Environment.ProcessorCount} cores, {TotalMemoryGb():N0} GB memory, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}")
            .AppendLine($"- runtime: .NET {Environment.Version}")
            .AppendLine($"- load average when written (1, 5, 15 min): {LoadAverage()}; above 0.5 another process shared the cores, so figures are pessimistic")
            .AppendLine()
            .Append(body)
            .ToString();
        File.WriteAllText(path, text);
        Console.WriteLine(text);
        Console.WriteLine($"written to {path}");
    }

    public static string Table(string[] header, IEnumerable<string[]> rows)
    {
        var text = new StringBuilder();
        text.AppendLine("| " + string.Join(" | ", header) + " |");
        text.AppendLine("|" + string.Concat(header.Select(_ => "---|")));
        foreach (var row in rows)
        {
            text.AppendLine("| " + string.Join(" | ", row) + " |");
        }

        return text.ToString();
    }

    private static string CpuModel()
    {
        const string prefix = "model name";
        var line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) : null;
        return line?.Split(':', 2)[1].Trim() ?? "unknown CPU";
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static double TotalMemoryGb() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1e9;

    /// <summary>Runs this benchmark executable again with <paramref name="arguments"/> and returns its standard output.</summary>
    public static string RunSelf(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardOutput = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"benchmark child '{string.Join(' ', arguments)}' exited with {process.ExitCode}");
        }

        return output;
    }
}
