using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Paperboy.Bench;

/// <summary>Writes benchmark results files (markdown, with the machine and date they ran on) and finds the repository and its shared data.</summary>
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

        throw new InvalidOperationException($"{Directory.GetCurrentDirectory()}: not inside the Paperboy repository (no Paperboy.slnx above it).");
    }

    /// <summary>The folder results files go to: <c>bench/results</c>.</summary>
    public static string ResultsFolder() => Path.Combine(RepositoryRoot(), "bench", "results");

    public static string SharedData(string relative) => Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "data", relative));

    public static void Write(string name, string title, string body)
    {
        var path = Path.Combine(ResultsFolder(), name + ".md");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = new StringBuilder()
            .AppendLine($"# {title}")
            .AppendLine()
            .AppendLine(MachineLine())
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

    /// <summary>Replaces the <c>## </c> section titled <paramref name="title"/> of results file <paramref name="name"/> (or appends it), keeping the others.</summary>
    public static void WriteSection(string name, string fileTitle, string title, string body)
    {
        var path = Path.Combine(ResultsFolder(), name + ".md");
        var sections = File.Exists(path) ? ReadSections(path) : [];
        var index = sections.FindIndex(s => s.Title == title);
        if (index >= 0)
        {
            sections[index] = (title, body.Trim());
        }
        else
        {
            sections.Add((title, body.Trim()));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var text = $"# {fileTitle}\n\n" + string.Join("\n\n", sections.Select(s => $"## {s.Title}\n\n{s.Body}")) + "\n";
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
        Console.WriteLine($"written to {path}");
    }

    /// <summary>One line naming the CPU, cores, memory, load, runtime and date, for the head of a results file or section.</summary>
    public static string MachineLine()
    {
        var date = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        // The machine is shared: the load at the end of the run says how much of it the benchmark had.
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
        return $"Machine: {CpuModel()}, {Environment.ProcessorCount} cores, {TotalMemoryGb():N0} GB memory (load average {load} at the end of the run); " +
            $"{System.Runtime.InteropServices.RuntimeInformation.OSDescription}; .NET {Environment.Version}; {date}.";
    }

    private static List<(string Title, string Body)> ReadSections(string path)
    {
        var sections = new List<(string Title, string Body)>();
        string? current = null;
        var lines = new List<string>();
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    sections.Add((current, string.Join('\n', lines).Trim()));
                }

                current = line[3..];
                lines.Clear();
            }
            else if (current is not null)
            {
                lines.Add(line);
            }
        }

        if (current is not null)
        {
            sections.Add((current, string.Join('\n', lines).Trim()));
        }

        return sections;
    }

    private static string CpuModel()
    {
        const string prefix = "model name";
        var line = File.Exists("/proc/cpuinfo") ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal)) : null;
        return line?.Split(':', 2)[1].Trim() ?? "unknown CPU";
    }

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
