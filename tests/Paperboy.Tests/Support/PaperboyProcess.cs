using System.Diagnostics;

namespace Paperboy.Tests.Support;

/// <summary>Runs the real <c>paperboy</c> executable (built beside the tests) as a child process.</summary>
public static class PaperboyProcess
{
    public sealed record Result(int ExitCode, string Output, string Error);

    /// <summary>Starts <c>paperboy</c> with <paramref name="arguments"/>, output redirected, without waiting.</summary>
    public static Process Start(params string[] arguments) => Start([], arguments);

    /// <summary>
    /// Starts <c>paperboy</c> with SIGINT at its default disposition, as from a terminal where Ctrl-C reaches it: a
    /// test run started in the background of a non-interactive shell (as CI may be) passes SIGINT down as ignored.
    /// </summary>
    public static Process StartAsFromTerminal(params string[] arguments) => Start(["env", "--default-signal=INT"], arguments);

    private static Process Start(string[] launcher, string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var command = launcher.Concat(["dotnet", Path.Combine(AppContext.BaseDirectory, "paperboy.dll")]).Concat(arguments).ToList();
        var start = new ProcessStartInfo(command[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Skip(1))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment.Remove("PAPERBOY_DATA");
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start)!;
    }

    /// <summary>Runs <c>paperboy</c> to completion (at most two minutes).</summary>
    public static Result Run(params string[] arguments) => RunWith(new Dictionary<string, string>(), arguments);

    /// <summary>As <see cref="Run"/>, with <paramref name="environment"/> set for the child.</summary>
    public static Result RunWith(IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        using var process = Start([], arguments, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"paperboy {string.Join(' ', arguments)} did not finish in two minutes");
        }

        return new Result(process.ExitCode, output.Result, error.Result);
    }
}
