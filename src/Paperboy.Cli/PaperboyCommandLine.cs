using System.CommandLine;
using Paperboy.Ingest;
using Paperboy.Store;
using Spectre.Console;

namespace Paperboy.Cli;

/// <summary>The root command, the options every command shares, and the exit-code conventions.</summary>
internal static class PaperboyCommandLine
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;

    /// <summary><c>--data DIR</c>: where the store and indexes live (also <c>PAPERBOY_DATA</c>; default <c>./paperboy-data</c>).</summary>
    public static readonly Option<string> DataDirectory = new("--data")
    {
        Description = "Directory holding the store and indexes [env: PAPERBOY_DATA]",
        Recursive = true,
        HelpName = "DIR",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PAPERBOY_DATA") is { Length: > 0 } fromEnvironment ? fromEnvironment : "paperboy-data",
    };

    /// <summary><c>--json</c>: print a machine-readable object instead of tables.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Print JSON instead of a table" };

    public static RootCommand Root(params Command[] commands)
    {
        var root = new RootCommand("Paperboy: a self-hosted feed of research papers, with search and digests.");
        root.Options.Add(DataDirectory);
        foreach (var command in commands)
        {
            root.Subcommands.Add(command);
        }

        return root;
    }

    public static async Task<int> RunAsync(RootCommand root, string[] args)
    {
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine($"paperboy: {error.Message}");
            }

            Console.Error.WriteLine("Try 'paperboy --help' for usage.");
            return Usage;
        }

        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (e is InputException or StoreException or FileNotFoundException or StrictImportException or Paperboy.Harvest.HarvestException or Paperboy.Search.Keyword.KeywordIndexException)
        {
            Console.Error.WriteLine($"paperboy: {e.Message}");
            return Failure;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"paperboy: {e.Message}");
            return Usage;
        }
    }

    /// <summary>Opens the store in the directory <c>--data</c> names.</summary>
    public static IPaperStore OpenStore(ParseResult parsed) =>
        Paperboy.Store.Sqlite.SqlitePaperStore.Open(parsed.GetValue(DataDirectory)!);

    /// <summary>True when output goes to a person at a terminal (progress bars, colours) rather than a pipe or log.</summary>
    public static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
}
