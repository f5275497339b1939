using System.Diagnostics;
using System.Globalization;

namespace Paperboy.Bench;

/// <summary>A markdown results file made of <c>## </c> sections, each rewritten by the benchmark that owns it.</summary>
internal static class ResultsReport
{
    /// <summary>Replaces the section titled <paramref name="title"/> (or appends it), keeping the other sections.</summary>
    public static void WriteSection(string path, string fileTitle, string title, string body)
    {
        var sections = new List<(string Title, string Body)>();
        if (File.Exists(path))
        {
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
        }

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
    }

    /// <summary>One line naming the CPU (from lscpu), the core count, and the date, for the head of a results section.</summary>
    public static string MachineLine()
    {
        var model = "unknown CPU";
        try
        {
            using var lscpu = Process.Start(new ProcessStartInfo("lscpu") { RedirectStandardOutput = true })!;
            foreach (var line in lscpu.StandardOutput.ReadToEnd().Split('\n'))
            {
                if (line.StartsWith("Model name:", StringComparison.Ordinal))
                {
                    model = line["Model name:".Length..].Trim();
                }
            }

            lscpu.WaitForExit();
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // lscpu is missing on this machine: the CPU stays unnamed.
        }

        var date = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
        // The machine is shared: the load at the end of the run says how much of it the benchmark had.
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
        return $"Machine: {model}, {Environment.ProcessorCount} cores (load average {load} at the end of the run); .NET {Environment.Version}; {date}.";
    }
}
