using System.CommandLine;
using Paperboy.Web;

namespace Paperboy.Cli.Commands;

/// <summary><c>paperboy serve</c>: the web site and JSON API over the data directory, indexing in the background.</summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5000";

    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = $"Addresses to listen on, separated by ';' [default: ASPNETCORE_URLS or Urls in appsettings.json, else {DefaultUrls}]", HelpName = "URLS" };
        var command = new Command("serve", "Serve the web site and API (imports the demo corpus into an empty store; indexes in the background)") { urls };
        command.TreatUnmatchedTokensAsErrors = false;

        // A synchronous action: System.CommandLine then leaves SIGINT and SIGTERM to ASP.NET Core's host, whose graceful
        // shutdown finishes in-flight requests and lets the indexer checkpoint, instead of exiting after a short timeout.
        command.SetAction(parsed =>
        {
            var app = PaperboyWebHost.Build(new PaperboyWebSettings
            {
                DataDirectory = parsed.GetValue(PaperboyCommandLine.DataDirectory),
                Urls = parsed.GetValue(urls),
                DefaultUrls = DefaultUrls,
                Arguments = parsed.UnmatchedTokens.ToArray(),
            });
            app.Run();
            return PaperboyCommandLine.Ok;
        });
        return command;
    }
}
