namespace Paperboy.Web.Library;

/// <summary>The site's settings: the <c>Paperboy</c> section of appsettings.json, or <c>PAPERBOY__...</c> environment variables.</summary>
public sealed class PaperboyOptions
{
    public const string Section = "Paperboy";

    /// <summary>Where the store and indexes live (the CLI's <c>--data</c> or <c>PAPERBOY_DATA</c> wins over this).</summary>
    public string DataDirectory { get; set; } = "paperboy-data";

    /// <summary>The embedders behind semantic search, comma-separated, or <c>none</c>.</summary>
    /// <remarks>
    /// MiniLM alone by default: the demo corpus ships its vectors, and adding arctic-embed-xs gained 0.005 nDCG@10 on SciFact
    /// (0.745 against 0.739) for twice the CPU per search (bench/results/search.md).
    /// </remarks>
    public string Embedders { get; set; } = "all-minilm-l6-v2";

    /// <summary>Threads one embedding-model run uses, for a search's query or a batch of papers.</summary>
    /// <remarks>1 by default: a server runs many searches at once, and each then takes a core of its own.</remarks>
    public int ModelThreads { get; set; } = 1;

    /// <summary>Embed search queries with each model's weight products in int8: about 2.5 times cheaper per search.</summary>
    /// <remarks>Papers stay float. On SciFact, BM25 + MiniLM went from 0.7393 to 0.7379 nDCG@10 (bench/results/search.md).</remarks>
    public bool QuantizedQueries { get; set; } = true;

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

    /// <summary>
    /// The reverse proxies in front of the site, whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed:
    /// addresses or CIDR networks, comma-separated (e.g. <c>127.0.0.1</c>); empty, the default: none.
    /// </summary>
    public string TrustedProxies { get; set; } = "";

    /// <summary>Searches (pages, API and feeds together) that run at once; more wait their turn, first come first served. 0: one a core.</summary>
    /// <remarks>See <see cref="Search.SearchTurns"/>.</remarks>
    public int SearchesAtOnce { get; set; }
}
