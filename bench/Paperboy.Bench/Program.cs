using Paperboy.Bench;

// Each benchmark is one command: `dotnet run -c Release --project bench/Paperboy.Bench -- COMMAND [options]`.
var command = args.Length > 0 ? args[0] : "";
var options = BenchArguments.Parse(args.Skip(1).ToArray());
switch (command)
{
    case "embed":
        return EmbeddingBenchmark.Run(options);
    case "scifact-dense":
        return SciFactDenseEval.Run(options);
    default:
        Console.Error.WriteLine($"Unknown command '{command}'. Commands: embed [--count N], scifact-dense --model arctic|minilm.");
        return 2;
}
