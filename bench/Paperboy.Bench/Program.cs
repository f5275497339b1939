using Paperboy.Bench;

// Each benchmark is one command: dotnet run -c Release --project bench/Paperboy.Bench -- <command> [args]
var commands = new Dictionary<string, Func<string[], int>>(StringComparer.Ordinal)
{
    ["scifact-bm25"] = ScifactKeywordEval.Run,
    ["arxiv-bm25"] = ArxivKeywordLatency.Run,
};

if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    Console.Error.WriteLine($"usage: Paperboy.Bench <command> [args]; commands: {string.Join(", ", commands.Keys)}");
    return 2;
}

return command(args[1..]);
