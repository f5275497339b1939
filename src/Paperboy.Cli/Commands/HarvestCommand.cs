using System.CommandLine;
using Paperboy.Harvest;
using Paperboy.Ingest;

namespace Paperboy.Cli.Commands;

/// <summary><c>paperboy harvest arxiv</c>: pages arXiv's OAI-PMH endpoint politely and imports what it lists.</summary>
internal static class HarvestCommand
{
    public static Command Create() => new("harvest", "Fetch papers from a live source into the store") { Arxiv() };

    private static Command Arxiv()
    {
        var category = new Option<string>("--category") { Description = "The arXiv category to harvest, e.g. cs.LG (or a whole archive: cs)", Required = true };
        var from = new Option<DateOnly>("--from") { Description = "First day (yyyy-MM-dd) of records added or changed", Required = true };
        var until = new Option<DateOnly?>("--until") { Description = "Last day (yyyy-MM-dd); default: up to now" };
        var endpoint = new Option<Uri>("--endpoint")
        {
            Description = "The OAI-PMH base URL",
            DefaultValueFactory = _ => new ArxivHarvestOptions().BaseAddress,
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https")
                {
                    return url;
                }

                result.AddError($"--endpoint must be an http or https URL, not \"{text}\"");
                return null;
            },
        };
        var interval = new Option<double>("--interval") { Description = "Seconds between requests (arXiv asks for at least 3)", DefaultValueFactory = _ => 3 }.Within(0, double.MaxValue);
        var contact = new Option<string?>("--contact") { Description = "An email address arXiv can reach you at, sent in the User-Agent" };
        var json = PaperboyCommandLine.Json();
        var command = new Command("arxiv", "Harvest arXiv's OAI-PMH listing for a category: one request every 3 s, resumption tokens, retries on 503")
        {
            category, from, until, endpoint, interval, contact, json,
        };
        command.SetAction((parsed, cancellation) =>
        {
            var options = new ArxivHarvestOptions
            {
                BaseAddress = parsed.GetValue(endpoint)!,
                RequestInterval = TimeSpan.FromSeconds(parsed.GetValue(interval)),
                UserAgent = parsed.GetValue(contact) is { Length: > 0 } mail ? $"{ArxivHarvestOptions.DefaultUserAgent} mailto:{mail}" : ArxivHarvestOptions.DefaultUserAgent,
                Retrying = retry => Console.Error.WriteLine($"paperboy: {retry.Summary}"),
            };
            var wanted = parsed.GetValue(category)!;
            using var store = PaperboyCommandLine.OpenStore(parsed);
            using var harvester = new ArxivHarvester(options);
            var asJson = parsed.GetValue(json);
            var pages = new Progress();
            var entries = harvester.HarvestAsync(wanted, parsed.GetValue(from), parsed.GetValue(until), pages, cancellation).ToBlockingEnumerable(cancellation);
            var report = new PaperImporter(store, new ImportOptions()).Import(entries, options.BaseAddress.ToString(), cancellation: cancellation);
            ImportCommand.Print(report, asJson);
            return Task.FromResult(ImportCommand.ExitCode(report));
        });
        return command;
    }

    /// <summary>One line per page fetched, on standard error: pages arrive seconds apart, so a line each is the clearest progress.</summary>
    private sealed class Progress : IProgress<HarvestProgress>
    {
        public void Report(HarvestProgress value)
        {
            var size = value.CompleteListSize is { } total ? $" of {total:N0}" : "";
            var retries = value.Retries > 0 ? $", {value.Retries} retries" : "";
            Console.Error.WriteLine($"harvest: page {value.Pages}, {value.Records:N0}{size} records read, {value.Kept:N0} in the category{retries}");
        }
    }
}
