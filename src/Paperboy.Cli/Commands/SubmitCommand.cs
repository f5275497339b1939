using System.CommandLine;
using Paperboy.Store.Sqlite;
using Paperboy.Submissions;

namespace Paperboy.Cli.Commands;

/// <summary><c>paperboy submit ID --user NAME</c>: put a paper on today's curated list, fetching it from the arXiv API when the store lacks it.</summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var paper = new Argument<string>("paper") { Description = "An arXiv id or URL: 2212.09525, arXiv:2212.09525v2, https://arxiv.org/abs/2212.09525, hep-th/9901001" };
        var user = new Option<string>("--user") { Description = "The user the paper is submitted by", Required = true };
        var api = new Option<Uri>("--arxiv-api")
        {
            Description = "The arXiv query API address [env: PAPERBOY_ARXIV_API]",
            DefaultValueFactory = result =>
            {
                if (Environment.GetEnvironmentVariable("PAPERBOY_ARXIV_API") is not { Length: > 0 } fromEnvironment)
                {
                    return new ArxivApiOptions().BaseAddress;
                }

                if (HttpUrl(fromEnvironment) is { } url)
                {
                    return url;
                }

                // A usage error like a bad --arxiv-api, not an exception (which help would hit too).
                result.AddError($"PAPERBOY_ARXIV_API must be an http or https URL, not \"{fromEnvironment}\"");
                return new ArxivApiOptions().BaseAddress;
            },
            CustomParser = result =>
            {
                var text = result.Tokens.Single().Value;
                if (HttpUrl(text) is { } url)
                {
                    return url;
                }

                result.AddError($"--arxiv-api must be an http or https URL, not \"{text}\"");
                return null;
            },
        };
        var command = new Command("submit", "Submit a paper by arXiv id or URL, as a user, to today's curated list") { paper, user, api };
        command.SetAction(async (parsed, cancellation) =>
        {
            using var store = SqlitePaperStore.Open(parsed.GetValue(PaperboyCommandLine.DataDirectory)!);
            var name = parsed.GetValue(user)!;
            if (store.FindUserByNameOrEmail(name) is not { } submitter)
            {
                Console.Error.WriteLine($"paperboy: no user named \"{name}\" (see 'paperboy users list')");
                return PaperboyCommandLine.Failure;
            }

            using var arxiv = new ArxivApiClient(new ArxivApiOptions
            {
                BaseAddress = parsed.GetValue(api)!,
                Retrying = retry => Console.Error.WriteLine($"paperboy: arXiv: {retry.Summary}"),
            });
            try
            {
                var outcome = await new PaperSubmissions(store, store, arxiv, TimeProvider.System).SubmitAsync(parsed.GetValue(paper), submitter.Id, cancellation);
                var by = outcome.AlreadySubmitted ? $"already submitted by {outcome.Submission.UserName}" : $"submitted by {outcome.Submission.UserName}";
                Console.WriteLine($"{outcome.Paper.Id}: {outcome.Paper.Title} ({by} on {outcome.Submission.Day:yyyy-MM-dd})");
                return PaperboyCommandLine.Ok;
            }
            catch (SubmissionException e)
            {
                Console.Error.WriteLine($"paperboy: {e.Message}");
                return e.Problem == SubmissionProblem.MalformedId ? PaperboyCommandLine.Usage : PaperboyCommandLine.Failure;
            }
        });
        return command;
    }

    private static Uri? HttpUrl(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" ? url : null;
}
