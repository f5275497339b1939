namespace Paperboy.Web;

/// <summary>What the command line hands the web host: the data directory, the addresses to listen on, and any further arguments.</summary>
public sealed record PaperboyWebSettings
{
    /// <summary>The data directory (<c>--data</c>/<c>PAPERBOY_DATA</c>); null leaves it to configuration.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The addresses to listen on (<c>--urls</c>); null leaves them to configuration (<c>ASPNETCORE_URLS</c>, appsettings).</summary>
    public string? Urls { get; init; }

    /// <summary>The addresses when neither <see cref="Urls"/> nor configuration (<c>ASPNETCORE_URLS</c>, <c>Urls</c> in appsettings.json) names any.</summary>
    public string? DefaultUrls { get; init; }

    /// <summary>Extra command-line arguments for ASP.NET Core's configuration (e.g. <c>--Paperboy:PageSize=50</c>).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>The content root, where appsettings.json is read from; the working directory by default.</summary>
    public string? ContentRoot { get; init; }
}
