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

    /// <summary>The exit code after Ctrl-C (128 + SIGINT), as shells report a process that SIGINT stopped.</summary>
    public const int Interrupted = 130;

    /// <summary><c>--data DIR</c>: where the store and indexes live (also <c>PAPERBOY_DATA</c>; default <c>./paperboy-data</c>).</summary>
    public static readonly Option<string> DataDirectory = new("--data")
    {
        Description = "Directory holding the store and indexes [env: PAPERBOY_DATA]",
        Recursive = true,
        HelpName = "DIR",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("PAPERBOY_DATA") is { Length: > 0 } fromEnvironment ? fromEnvironment : "paperboy-data",
    };

    /// <summary>
    /// Refuses values of <paramref name="option"/> outside [<paramref name="min"/>, <paramref name="max"/>]; a value that is
    /// not a number at all is left to the parser, whose own error names it (reading it here would throw).
    /// </summary>
    public static Option<T> Within<T>(this Option<T> option, T min, T max)
        where T : struct, System.Numerics.INumber<T>, System.Numerics.IMinMaxValue<T>
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens.Count > 0
                && double.TryParse(result.Tokens[^1].Value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
                && (value < double.CreateChecked(min) || value > double.CreateChecked(max)))
            {
                result.AddError(max == T.MaxValue ? $"{option.Name} must be at least {min}" : $"{option.Name} must be between {min} and {max}");
            }
        });
        return option;
    }

    /// <summary>
    /// Makes an argument that takes any number of paths refuse a token that looks like an option and names no file:
    /// System.CommandLine would otherwise hand a mistyped option (<c>--stirct</c>) to it as a path.
    /// </summary>
    public static Argument<T> RefusingUnknownOptions<T>(this Argument<T> argument)
    {
        argument.Validators.Add(result =>
        {
            foreach (var token in result.Tokens.Select(t => t.Value).Where(t => t.StartsWith('-') && !File.Exists(t) && !Directory.Exists(t)))
            {
                result.AddError($"Unrecognized command or argument '{token}'.");
            }
        });
        return argument;
    }

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
        // Piped or logged output keeps its lines whole: Spectre.Console would wrap them at its assumed 80 columns.
        if (Console.IsOutputRedirected)
        {
            AnsiConsole.Profile.Width = 4096;
        }

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine($"paperboy: {ParseErrors.Friendly(error.Message)}");
            }

            Console.Error.WriteLine("Try 'paperboy --help' for usage.");
            return Usage;
        }

        // Ctrl-C cancels the command's token from the start. System.CommandLine's own handler is installed only once an
        // action has returned its task, and most actions work before returning it, so SIGINT used to kill them outright.
        // The web host (serve) handles SIGINT itself, beside this handler.
        using var interrupted = new CancellationTokenSource();
        void OnCancel(object? sender, ConsoleCancelEventArgs e)
        {
            if (!interrupted.IsCancellationRequested)
            {
                e.Cancel = true;
                interrupted.Cancel();
            }
        }

        Console.CancelKeyPress += OnCancel;
        try
        {
            return await parsed.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, interrupted.Token);
        }
        catch (Exception e) when (e is InputException or StoreException or FileNotFoundException or Paperboy.Harvest.HarvestException or Paperboy.Search.Keyword.KeywordIndexException)
        {
            Console.Error.WriteLine($"paperboy: {e.Message}");
            return Failure;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A folder that does not exist, a full disk, a file that may not be read: the message names the path.
            Console.Error.WriteLine($"paperboy: {e.Message}");
            return Failure;
        }
        catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
        {
            Console.Error.WriteLine("paperboy: interrupted");
            return Interrupted;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"paperboy: {e.Message}");
            return Usage;
        }
        finally
        {
            Console.CancelKeyPress -= OnCancel;
        }
    }

    /// <summary>Opens the store in the directory <c>--data</c> names, for commands that only read it: a missing one is an error, not a new empty store.</summary>
    /// <exception cref="FileNotFoundException">The directory holds no store (a mistyped <c>--data</c>, most likely).</exception>
    public static IPaperStore OpenExistingStore(ParseResult parsed)
    {
        var data = parsed.GetValue(DataDirectory)!;
        return Paperboy.Store.Sqlite.SqlitePaperStore.ExistsIn(data)
            ? Paperboy.Store.Sqlite.SqlitePaperStore.Open(data)
            : throw new FileNotFoundException(
                $"{Path.GetFullPath(data)}: no Paperboy store here; check --data (or PAPERBOY_DATA), or start one with 'paperboy import' or 'paperboy serve'", data);
    }

    /// <summary>Opens the store in the directory <c>--data</c> names.</summary>
    public static IPaperStore OpenStore(ParseResult parsed) =>
        Paperboy.Store.Sqlite.SqlitePaperStore.Open(parsed.GetValue(DataDirectory)!);

    /// <summary>True when output goes to a person at a terminal (progress bars, colours) rather than a pipe or log.</summary>
    public static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;
}
