using Paperboy.Bench;

// Each benchmark is a subcommand; results go to bench/results/<name>.md.
return args.FirstOrDefault() switch
{
    "import" => ImportBenchmark.Run(args[1..]),
    ImportBenchmark.ChildCommand => ImportBenchmark.RunChild(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/Paperboy.Bench -- <benchmark> [options]");
    Console.Error.WriteLine("benchmarks:");
    Console.Error.WriteLine("  import [--file PATH] [--runs N]   import throughput and peak memory (default: the 75k arXiv sample)");
    return 2;
}
