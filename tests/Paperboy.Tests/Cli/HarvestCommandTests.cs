using System.Text.Json;
using Paperboy.Tests.Harvest;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Cli;

/// <summary><c>paperboy harvest arxiv</c> against a local fake OAI-PMH server.</summary>
public sealed class HarvestCommandTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void Harvests_every_page_into_the_store_and_a_second_harvest_changes_nothing()
    {
        var pages = new[] { FakeReply.Page("oai-listrecords-arxiv.xml"), FakeReply.Page("oai-listrecords-arxiv-last.xml") };
        using var first = new FakeOaiServer(pages);
        using var second = new FakeOaiServer(pages);

        var harvest = Harvest(first);
        var again = Harvest(second);

        Assert.Equal(0, harvest.ExitCode);
        Assert.Contains("harvest: page 2", harvest.Error);
        using var summary = JsonDocument.Parse(harvest.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        Assert.Equal(3, summary.RootElement.GetProperty("new").GetInt32());
        using var repeat = JsonDocument.Parse(again.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        Assert.Equal(3, repeat.RootElement.GetProperty("unchanged").GetInt32());
        Assert.Equal(0, PaperboyProcess.Run("--data", _data.Path, "papers", "show", "2302.08150").ExitCode);
    }

    [Fact]
    public void A_server_that_keeps_failing_exits_with_1_naming_the_url_and_status()
    {
        using var server = new FakeOaiServer(new FakeReply(404, "gone"));

        var harvest = PaperboyProcess.Run("--data", _data.Path, "harvest", "arxiv", "--category", "cs.CL", "--from", "2026-04-06", "--endpoint", server.BaseAddress.ToString(), "--interval", "0");

        Assert.Equal(1, harvest.ExitCode);
        Assert.Contains(server.BaseAddress.ToString(), harvest.Error);
        Assert.Contains("404", harvest.Error);
    }

    private PaperboyProcess.Result Harvest(FakeOaiServer server) =>
        PaperboyProcess.Run("--data", _data.Path, "harvest", "arxiv", "--category", "cs.CL", "--from", "2026-04-06", "--until", "2026-04-07",
            "--endpoint", server.BaseAddress.ToString(), "--interval", "0.05", "--json");
}
