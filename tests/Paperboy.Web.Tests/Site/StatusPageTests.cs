using System.Net;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Web.Tests.Api;
using Paperboy.Web.Tests.Support;

namespace Paperboy.Web.Tests.Site;

public sealed class StatusPageTests(SharedSite shared)
{
    [Theory]
    [InlineData(400, "Bad Request", "could not use this request to /trending")]
    [InlineData(401, "Sign-in required", "/trending needs a signed-in account")]
    [InlineData(403, "Forbidden", "Your account may not do this at /trending")]
    public async Task A_page_answering_an_empty_error_status_shows_that_status_not_a_404(int status, string title, string explanation)
    {
        await using var site = await TestSite.StartAsync(
            builder => builder.Services.Configure<MvcOptions>(mvc => mvc.Filters.Add(new EmptyStatusFilter())));

        var response = await site.Client.GetAsync($"/trending?status={status}", TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains($"<h1>{title}</h1>", html);
        Assert.Contains(explanation, html);
        Assert.DoesNotContain("Not found", html);
    }

    [Theory]
    [InlineData("GET", "/votes")]
    [InlineData("POST", "/feeds/daily")]
    public async Task A_site_address_asked_with_the_wrong_method_is_a_405_page(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        var response = await shared.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("<h1>Method not allowed</h1>", html);
        Assert.Contains($"{path} does not take {method} requests.", html);
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task An_unknown_address_is_the_404_page_whatever_the_method(string method)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), "/no/such/page");

        var response = await shared.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Not found</h1>", html);
        Assert.Contains("There is no such page, paper or listing day here.", html);
    }

    [Theory]
    [InlineData("Code=101")]
    [InlineData("Code=200")]
    [InlineData("code=999")]
    public async Task A_posted_code_cannot_choose_the_status_of_the_page_explaining_a_404(string form)
    {
        using var content = new StringContent(form, System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");

        var response = await shared.Client.PostAsync("/no/such/page?code=102", content, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("<h1>Not found</h1>", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_status_page_asked_for_directly_answers_with_its_status()
    {
        var response = await shared.Client.GetAsync("/status/403", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("<h1>Forbidden</h1>", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Empty_api_errors_become_problem_details_and_api_problems_keep_their_own()
    {
        using var post = new HttpRequestMessage(HttpMethod.Post, "/api/daily_papers");

        var method = await ApiAssert.Problem(await shared.Client.SendAsync(post, TestContext.Current.CancellationToken), HttpStatusCode.MethodNotAllowed);
        var missing = await ApiAssert.Problem(await shared.Client.GetAsync("/api/no/such/endpoint", TestContext.Current.CancellationToken), HttpStatusCode.NotFound);

        var own = await ApiAssert.Problem(await shared.Client.GetAsync("/api/papers/2699.99999", TestContext.Current.CancellationToken), HttpStatusCode.NotFound);
        Assert.Contains("2699.99999", own.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("/api/daily_papers does not take POST requests; it takes GET.", method.GetProperty("detail").GetString());
        Assert.Equal("There is no API address /api/no/such/endpoint; the API is described at /api/docs.", missing.GetProperty("detail").GetString());
    }

    /// <summary>Makes <c>/trending?status=N</c> answer an empty N, as a page model returning <c>StatusCode(N)</c> would.</summary>
    private sealed class EmptyStatusFilter : IResourceFilter
    {
        public void OnResourceExecuting(ResourceExecutingContext context)
        {
            var request = context.HttpContext.Request;
            if (request.Path == "/trending" && int.TryParse(request.Query["status"], out var status))
            {
                context.Result = new StatusCodeResult(status);
            }
        }

        public void OnResourceExecuted(ResourceExecutedContext context)
        {
        }
    }
}
