using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Paperboy.Search.Keyword;
using Paperboy.Web.Accounts;
using Paperboy.Web.Admin;
using Paperboy.Web.Api;
using Paperboy.Web.Assets;
using Paperboy.Web.Daily;
using Paperboy.Web.Feeds;
using Paperboy.Web.Library;
using Paperboy.Web.Operations;
using Paperboy.Web.Papers;
using Paperboy.Web.Search;
using Paperboy.Web.Trending;
using Prometheus;
using Scalar.AspNetCore;

namespace Paperboy.Web;

/// <summary>The Paperboy web site and JSON API: the entry point the CLI's <c>serve</c> and the tests call.</summary>
/// <remarks>
/// Pages are Razor Pages rendered on the server rather than Razor components: every page here is a read of cached
/// models with plain links and GET forms, which Razor Pages render with the least per-request machinery (no component
/// tree or render batches), and their form and antiforgery conventions are what the accounts pages need next.
/// </remarks>
public static class PaperboyWebHost
{
    /// <summary>Builds the site for <paramref name="settings"/>; <paramref name="configure"/> may change services (tests swap in a test server).</summary>
    public static WebApplication Build(PaperboyWebSettings settings, Action<WebApplicationBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. settings.Arguments],
            ContentRootPath = settings.ContentRoot,

            // Razor Pages and their compiled views live in this assembly, not in the `paperboy` executable.
            ApplicationName = typeof(PaperboyWebHost).Assembly.GetName().Name,
        });
        // Lowest-precedence defaults: appsettings.json and PAPERBOY__/Logging__ environment variables override them.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            },
        });
        builder.Configuration.AddEnvironmentVariables();
        if (settings.DataDirectory is not null)
        {
            builder.Configuration[$"{PaperboyOptions.Section}:{nameof(PaperboyOptions.DataDirectory)}"] = settings.DataDirectory;
        }

        if ((settings.Urls ?? (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]) ? settings.DefaultUrls : null)) is { } urls)
        {
            builder.WebHost.UseUrls(urls);
        }

        AddServices(builder);
        configure?.Invoke(builder);
        var app = builder.Build();
        MapEndpoints(app);
        return app;
    }

    private static void AddServices(WebApplicationBuilder builder)
    {
        builder.Services.Configure<PaperboyOptions>(builder.Configuration.GetSection(PaperboyOptions.Section));
        builder.Services.AddSingleton(services => PaperLibrary.Open(
            services.GetRequiredService<IOptions<PaperboyOptions>>().Value,
            services.GetRequiredService<ILoggerFactory>().CreateLogger<PaperLibrary>()));
        builder.Services.AddHostedService<IndexFollower>();

        // Antiforgery and sign-in cookies must survive restarts: their keys live beside the store.
        var data = builder.Configuration[$"{PaperboyOptions.Section}:{nameof(PaperboyOptions.DataDirectory)}"] ?? new PaperboyOptions().DataDirectory;
        builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(data, "keys")));
        builder.Services.AddSingleton<DailyListings>();
        builder.Services.AddSingleton<PaperViews>();
        builder.Services.AddSingleton<TrendingPapers>();
        builder.Services.AddSingleton(services => new SearchTurns(services.GetRequiredService<IOptions<PaperboyOptions>>().Value.SearchesAtOnce switch
        {
            0 => Environment.ProcessorCount,
            > 0 and var atOnce => atOnce,
            var wrong => throw new InvalidOperationException($"Paperboy:SearchesAtOnce is {wrong}: give how many searches may run at once (1 or more), or 0 for one a core."),
        }));
        builder.Services.AddSingleton<PaperSearch>();
        builder.Services.AddSiteOutputCache();
        builder.Services.AddSearchRateLimit(builder.Configuration.GetSection(PaperboyOptions.Section).Get<PaperboyOptions>() ?? new PaperboyOptions());
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddRazorPages(pages =>
        {
            // Pages live in capability folders (Daily/, Papers/, Search/...), each with its route in @page or here.
            pages.RootDirectory = "/";
            foreach (var (route, _) in DailyPageModel.Routes)
            {
                pages.Conventions.AddPageRoute("/Daily/DailyPage", route);
            }
        });
        // The site sends its own X-Frame-Options (SecurityHeaders), on every response rather than only where a token is made.
        builder.Services.AddAntiforgery(antiforgery => antiforgery.SuppressXFrameOptionsHeader = true);
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = ApiProblemDefaults.AddDetail);
        builder.Services.AddOpenApi(ApiDocument.Configure);
        builder.Services.AddPaperboyAccounts(builder.Configuration);
    }

    private static void MapEndpoints(WebApplication app)
    {
        // First, so that everything after (rate limits, cookies, links) sees the visitor's address and scheme; and before
        // the library opens, so that a malformed setting stops the site at once.
        app.UseTrustedProxies(app.Services.GetRequiredService<IOptions<PaperboyOptions>>().Value.TrustedProxies);

        // Open the library before listening, so that the demo import and index opening happen at start, not on a first
        // request; then clear uploads a killed server left.
        AdminActions.RemoveLeftoverUploads(app.Services.GetRequiredService<PaperLibrary>());
        app.UseSecurityHeaders();
        // An error status without a body gets one: problem details (RFC 7807) under /api, a page saying what the
        // status means elsewhere. Responses that already carry a body (problem details, form errors) pass untouched.
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/api"),
            api => api.UseStatusCodePages());
        app.UseWhen(
            context => !context.Request.Path.StartsWithSegments("/api"),
            site => site.UseStatusCodePagesWithReExecute("/status/{0}"));

        // Routing after the status-code pages, so that a re-executed request is routed to the status page.
        app.UseRouting();
        var registry = Metrics.NewCustomRegistry();
        app.UseSiteAssets();
        app.UseRequestMetrics(registry);
        app.UseBearerChallenge();

        // Inside the metrics, so that a request that threw is counted as the 500 it answers; the handler logs the
        // exception and leaves the body empty, for the status-code pages above to fill (a page, or problem details).
        // A keyword index found damaged, or being rebuilt, is a 503 instead: the indexer rebuilds it from the store within seconds.
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = AnswerDamagedIndex });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseOutputCache();
        app.MapRazorPages();
        app.MapPapersApi();
        app.MapPaperboyAccounts();
        app.MapFeeds();
        app.MapOperations(registry);
        app.MapOpenApi("/api/openapi/{documentName}.json");
        app.MapScalarApiReference("/api/docs", scalar => scalar
            .WithTitle("Paperboy API")
            .WithOpenApiRoutePattern("/api/openapi/{documentName}.json"));
    }

    private static Task AnswerDamagedIndex(HttpContext http)
    {
        // Found damaged: the indexer is told to rebuild it. Being rebuilt: searches wait rather than see part of it.
        if (http.Features.Get<IExceptionHandlerFeature>()?.Error is KeywordIndexException error && (error.IsDamaged || error.IsRebuilding))
        {
            if (error.IsDamaged)
            {
                http.RequestServices.GetRequiredService<PaperLibrary>().ReportKeywordDamage(error.Message);
            }

            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = "10";
        }

        return Task.CompletedTask;
    }
}
