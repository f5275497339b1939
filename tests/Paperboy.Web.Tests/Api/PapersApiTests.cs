using System.Net;
using Paperboy.Web.Tests.Support;

namespace Paperboy.Web.Tests.Api;

public sealed class PapersApiTests(SharedSite shared)
{
    private readonly HttpClient _client = shared.Client;

    [Fact]
    public async Task A_paper_by_id_old_style_id_included()
    {
        var paper = await ApiAssert.Json(await _client.GetAsync("/api/papers/2611.00002", TestContext.Current.CancellationToken));
        var old = await ApiAssert.Json(await _client.GetAsync("/api/papers/hep-th/9901001", TestContext.Current.CancellationToken));

        Assert.Equal("Sparse attention for long documents", paper.GetProperty("title").GetString());
        Assert.Equal(40, paper.GetProperty("upvotes").GetInt32());
        Assert.Equal(["cs.CL"], paper.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("2026-11-27", paper.GetProperty("listedOn").GetString());
        Assert.Equal("/papers/2611.00002", paper.GetProperty("url").GetString());
        Assert.Equal("Strings on branes", old.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("/api/papers/2611.00002v3", "2611.00002")]
    [InlineData("/api/papers/arXiv:2611.00002", "2611.00002")]
    [InlineData("/api/papers/hep-th%2F9901001", "hep-th/9901001")]
    [InlineData("/api/papers/hep-th/9901001v2", "hep-th/9901001")]
    public async Task A_paper_is_found_by_the_forms_its_id_is_written_in(string path, string id)
    {
        var paper = await ApiAssert.Json(await _client.GetAsync(path, TestContext.Current.CancellationToken));

        Assert.Equal(id, paper.GetProperty("id").GetString());
    }

    [Theory]
    [InlineData("GET", "/api/papers/2611.00002/upvote")]
    [InlineData("GET", "/api/papers/import")]
    [InlineData("DELETE", "/api/papers/search")]
    public async Task A_paper_address_asked_with_the_wrong_method_is_a_405_not_an_unknown_paper(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);

        var problem = await ApiAssert.Problem(await _client.SendAsync(request, TestContext.Current.CancellationToken), HttpStatusCode.MethodNotAllowed);

        Assert.DoesNotContain("No paper has the id", problem.ToString());
    }

    [Theory]
    [InlineData("/api/papers/2699.99999")]
    [InlineData("/api/papers/hep-th/0000000")]
    [InlineData("/api/papers/2699.99999/related")]
    public async Task An_unknown_paper_is_a_404_problem(string path)
    {
        var problem = await ApiAssert.Problem(await _client.GetAsync(path, TestContext.Current.CancellationToken), HttpStatusCode.NotFound);

        Assert.Contains("No paper has the id", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Related_papers_exclude_the_paper_and_carry_scores()
    {
        var related = await ApiAssert.Json(await _client.GetAsync("/api/papers/2611.00001/related?limit=3", TestContext.Current.CancellationToken));

        Assert.Equal(3, related.GetArrayLength());
        Assert.DoesNotContain("2611.00001", ApiAssert.PaperIds(related));
        Assert.All(related.EnumerateArray(), r => Assert.True(r.GetProperty("score").GetDouble() != 0));
    }

    [Theory]
    [InlineData("limit=0")]
    [InlineData("limit=9")]
    [InlineData("limit=x")]
    public async Task Related_with_a_bad_limit_is_a_400_problem(string query) =>
        await ApiAssert.BadParameter(await _client.GetAsync($"/api/papers/2611.00001/related?{query}", TestContext.Current.CancellationToken), "limit");

    [Fact]
    public async Task Search_returns_papers_with_scores_legs_and_a_marked_title()
    {
        var results = await ApiAssert.Json(await _client.GetAsync("/api/papers/search?q=diffusion&limit=2", TestContext.Current.CancellationToken));

        Assert.Equal(2, results.GetArrayLength());
        Assert.Contains("<mark>", results[0].GetProperty("highlightedTitle").GetString());
        Assert.Contains("bm25", results[0].GetProperty("foundBy").EnumerateArray().Select(l => l.GetString()));
        Assert.True(ApiAssert.PaperIds(results)[0] is "2611.00001" or "2611.00012");
        Assert.True(results[0].GetProperty("score").GetDouble() >= results[1].GetProperty("score").GetDouble());
    }

    [Theory]
    [InlineData("", "q")]
    [InlineData("q=%20%20", "q")]
    [InlineData("q=x&limit=0", "limit")]
    [InlineData("q=x&limit=1000", "limit")]
    public async Task Search_with_bad_parameters_is_a_400_problem(string query, string parameter) =>
        await ApiAssert.BadParameter(await _client.GetAsync($"/api/papers/search?{query}", TestContext.Current.CancellationToken), parameter);

    [Fact]
    public async Task The_openapi_document_describes_every_endpoint_and_scalar_shows_it()
    {
        var document = await ApiAssert.Json(await _client.GetAsync("/api/openapi/v1.json", TestContext.Current.CancellationToken));
        var docs = await _client.GetAsync("/api/docs/", TestContext.Current.CancellationToken);

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/daily_papers", paths);
        Assert.Contains("/api/papers/search", paths);
        Assert.Contains("/api/papers/{id}", paths);
        Assert.Contains("/api/papers/{id}/related", paths);
        var operations = document.GetProperty("paths");
        Assert.Equal("bearer", document.GetProperty("components").GetProperty("securitySchemes").GetProperty("bearer").GetProperty("scheme").GetString());
        var upvote = operations.GetProperty("/api/papers/{id}/upvote").GetProperty("post");
        Assert.True(upvote.GetProperty("security")[0].TryGetProperty("bearer", out _));
        Assert.True(upvote.GetProperty("responses").TryGetProperty("401", out _));
        Assert.True(operations.GetProperty("/api/papers/{id}").GetProperty("get").GetProperty("responses").TryGetProperty("404", out _));
        Assert.True(operations.GetProperty("/api/papers/search").GetProperty("get").GetProperty("responses").TryGetProperty("429", out _));
        var limit = operations.GetProperty("/api/daily_papers").GetProperty("get").GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == "limit");
        Assert.Equal("integer", limit.GetProperty("schema").GetProperty("type").GetString());
        Assert.True(operations.GetProperty("/api/papers/import").GetProperty("post").GetProperty("requestBody").GetProperty("content").TryGetProperty("multipart/form-data", out _));
        Assert.DoesNotContain("arxivUrl", document.GetProperty("components").GetProperty("schemas").GetProperty("ApiPaper").GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal(HttpStatusCode.OK, docs.StatusCode);
        var html = await docs.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("<title>Paperboy API</title>", html);
        Assert.DoesNotContain("cdn.jsdelivr", html);
        Assert.Contains("src=\"scalar.js\"", html);
    }
}
