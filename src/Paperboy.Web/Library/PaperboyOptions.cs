namespace Paperboy.Web.Library;

/// <summary>The site's settings: the <c>Paperboy</c> section of appsettings.json, or <c>PAPERBOY__...</c> environment variables.</summary>
public sealed class PaperboyOptions
{
    public const string Section = "Paperboy";

    /// <summary>Where the store and indexes live (the CLI's <c>--data</c> or <c>PAPERBOY_DATA</c> wins over this).</summary>
    public string DataDirectory { get; set; } = "paperboy-data";

    /// <summary>The embedders behind semantic search, comma-separated, or <c>none</c>: both models give the best measured hybrid (bench/results).</summary>
    public string Embedders { get; set; } = "all-minilm-l6-v2,arctic-embed-xs";

    /// <summary>Fill an empty store with the shipped demo corpus on start, so a fresh install shows real papers.</summary>
    public bool ImportDemoWhenEmpty { get; set; } = true;

    /// <summary>How often the indexer looks for new changes in the store, in seconds.</summary>
    public double FollowIntervalSeconds { get; set; } = 3;

    /// <summary>Papers per page on the daily, week, month and search pages.</summary>
    public int PageSize { get; set; } = 30;

    /// <summary>Results per search page: each is highlighted, the costliest part of rendering a search.</summary>
    public int SearchPageSize { get; set; } = 10;

    /// <summary>Searches (pages, API and feeds together) each client address may run per window.</summary>
    public int SearchPermitsPerWindow { get; set; } = 120;

    /// <summary>The rate-limit window for searches, in seconds.</summary>
    public double SearchWindowSeconds { get; set; } = 10;

    /// <summary>Searches allowed to wait for a permit rather than be refused at once.</summary>
    public int SearchQueueLimit { get; set; }
}
