using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Paperboy.Accounts;
using Paperboy.Submissions;
using Paperboy.Votes;
using Paperboy.Web.Admin;
using Paperboy.Web.Library;
using Paperboy.Web.Submissions;
using Paperboy.Web.Votes;

namespace Paperboy.Web.Accounts;

/// <summary>Wires accounts, votes, submissions and admin actions into the host: two calls from <see cref="PaperboyWebHost"/>.</summary>
public static class AccountsSetup
{
    /// <summary>Registers the stores, <see cref="UserAccounts"/>, cookie and API-token authentication, the admin policy and the sign-in limit.</summary>
    public static IServiceCollection AddPaperboyAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(AccountOptions.Section).Get<AccountOptions>() ?? new AccountOptions();
        services.AddSingleton(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => StoreAs<IAccountStore>(provider));
        services.AddSingleton(provider => StoreAs<IVoteStore>(provider));
        services.AddSingleton(provider => StoreAs<ISubmissionStore>(provider));
        services.AddSingleton<VoteStates>();
        services.AddSingleton<AdminActions>();
        services.AddSingleton<SubmittedListings>();
        services.AddSingleton(provider => new UserAccounts(provider.GetRequiredService<IAccountStore>(), provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton(provider =>
        {
            var log = provider.GetRequiredService<ILoggerFactory>().CreateLogger<ArxivApiClient>();
            return new ArxivApiClient(new ArxivApiOptions
            {
                BaseAddress = options.ArxivApi,
                RequestInterval = TimeSpan.FromSeconds(Math.Max(0, options.ArxivRequestIntervalSeconds)),
                Retrying = retry => log.ArxivRetrying(retry.Url, retry.Summary),
            });
        });
        services.AddSingleton(provider => new PaperSubmissions(
            provider.GetRequiredService<PaperLibrary>().Store,
            provider.GetRequiredService<ISubmissionStore>(),
            provider.GetRequiredService<ArxivApiClient>(),
            provider.GetRequiredService<TimeProvider>()));

        services.AddAuthentication(SiteUser.Scheme)
            .AddPolicyScheme(SiteUser.Scheme, "Cookie or API token", policy =>
                policy.ForwardDefaultSelector = context => ApiTokenAuthentication.HasBearerToken(context.Request) ? SiteUser.TokenScheme : SiteUser.CookieScheme)
            .AddCookie(SiteUser.CookieScheme, cookie => ConfigureCookie(cookie, options))
            .AddScheme<AuthenticationSchemeOptions, ApiTokenAuthentication>(SiteUser.TokenScheme, null);
        services.AddAuthorizationBuilder().AddPolicy(SiteUser.AdminPolicy, policy => policy.RequireClaim(SiteUser.AdminClaim, "true"));
        services.AddRateLimiter(limiter => limiter
            .AddPolicy(SignInRateLimit.Policy, new SignInRateLimit(options))
            .AddPolicy(SignInRateLimit.SignUpPolicy, new SignInRateLimit(options, SignInRateLimit.SignUpPolicy))
            .AddPolicy(SubmissionRateLimit.Policy, new SubmissionRateLimit(options)));
        services.Configure<MvcOptions>(mvc => mvc.Filters.Add(new AntiforgeryRefusal()));
        return services;
    }

    /// <summary>Maps the JSON API and form endpoints of votes, submissions and admin actions (the pages map themselves).</summary>
    public static IEndpointRouteBuilder MapPaperboyAccounts(this IEndpointRouteBuilder routes)
    {
        routes.MapVotes();
        routes.MapSubmissionsApi();
        routes.MapAdminApi();
        return routes;
    }

    private static T StoreAs<T>(IServiceProvider provider)
        where T : class
    {
        var store = provider.GetRequiredService<PaperLibrary>().Store;
        return store as T ?? throw new InvalidOperationException($"the store {store.GetType().Name} does not keep {typeof(T).Name}; accounts need a provider that does");
    }

    private static void ConfigureCookie(CookieAuthenticationOptions cookie, AccountOptions options)
    {
        cookie.Cookie.Name = "paperboy.auth";
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        cookie.LoginPath = "/account/sign-in";
        cookie.LogoutPath = "/account/sign-out";
        cookie.AccessDeniedPath = "/account/denied";
        cookie.ExpireTimeSpan = TimeSpan.FromDays(Math.Max(0.01, options.SignInDays));
        cookie.SlidingExpiration = true;
        cookie.Events = new CookieAuthenticationEvents
        {
            // The cookie carries the claims it was issued with; checking the store on each request makes a revoked
            // admin right (paperboy users revoke-admin) take effect at once rather than when the cookie expires.
            OnValidatePrincipal = CheckAgainstStore,
            OnCheckSlidingExpiration = context =>
            {
                if (context.ShouldRenew)
                {
                    SeeSession(context.HttpContext, context.Principal);
                }

                return Task.CompletedTask;
            },
            OnRedirectToLogin = context => IsApi(context.Request) ? Problem(context.HttpContext, StatusCodes.Status401Unauthorized) : Redirect(context),
            OnRedirectToAccessDenied = context => IsApi(context.Request) ? Problem(context.HttpContext, StatusCodes.Status403Forbidden) : Redirect(context),
        };
    }

    private static async Task CheckAgainstStore(CookieValidatePrincipalContext context)
    {
        // The session must still be going: signing out (here or everywhere) ends it, and a cookie from before sessions has none.
        var accounts = context.HttpContext.RequestServices.GetRequiredService<IAccountStore>();
        if (context.Principal?.UserId() is not { } id || context.Principal.SessionId() is not { } session
            || accounts.FindSessionUser(id, session) is not { } user)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(SiteUser.CookieScheme);
            return;
        }

        if (user.IsAdmin != context.Principal.IsAdmin() || user.UserName != context.Principal.Identity?.Name)
        {
            context.ReplacePrincipal(SiteUser.Principal(user, SiteUser.CookieScheme, session));
            context.ShouldRenew = true;
            SeeSession(context.HttpContext, context.Principal);
        }
    }

    /// <summary>A renewed cookie lasts a lifetime from now, so its session must not be taken for unseen before then.</summary>
    private static void SeeSession(HttpContext http, ClaimsPrincipal? principal)
    {
        if (principal?.SessionId() is { } session)
        {
            http.RequestServices.GetRequiredService<UserAccounts>().SeeSession(session);
        }
    }

    private static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    private static Task Redirect(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }

    private static Task Problem(HttpContext context, int status) => Results.Problem(
        statusCode: status,
        title: status == StatusCodes.Status401Unauthorized ? "Sign-in required" : "Forbidden",
        detail: status == StatusCodes.Status401Unauthorized
            ? "Send the sign-in cookie or 'Authorization: Bearer <token>' with a personal API token from the account page."
            : "This needs an admin account.").ExecuteAsync(context);
}
