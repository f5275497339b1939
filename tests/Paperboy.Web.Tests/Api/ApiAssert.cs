using System.Net;
using System.Text.Json;

namespace Paperboy.Web.Tests.Api;

/// <summary>Checks on API responses.</summary>
public static class ApiAssert
{
    /// <summary>The response is an RFC 7807 problem with this status; returns its JSON.</summary>
    public static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>The response is a 400 problem whose errors and detail name <paramref name="parameter"/>.</summary>
    public static async Task BadParameter(HttpResponseMessage response, string parameter)
    {
        var problem = await Problem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(parameter, out _), $"errors does not name {parameter}: {problem}");
        Assert.StartsWith(parameter + ":", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    public static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
    }

    public static IReadOnlyList<string> PaperIds(JsonElement list) =>
        list.EnumerateArray().Select(e => e.GetProperty("paper").GetProperty("id").GetString()!).ToList();
}
