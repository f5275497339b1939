using System.Text.Json;
using Paperboy.Search.Keyword;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Cli;

/// <summary>The CLI beside another process (a running <c>paperboy serve</c>) that holds the keyword index's write lock.</summary>
/// <remarks>This test process holds the lock, so each <c>paperboy</c> child meets it held by another process, as beside a server.</remarks>
public sealed class ServedIndexTests : IDisposable
{
    private readonly TempDirectory _data = new();

    public ServedIndexTests()
    {
        Assert.Equal(0, Paperboy("import", "--demo").ExitCode);
        Assert.Equal(0, Paperboy("index", "--embedder", "hashing").ExitCode);
    }

    public void Dispose() => _data.Dispose();

    [Fact]
    public void Search_and_related_read_the_last_commit_of_an_index_another_process_holds()
    {
        var alone = Paperboy("search", "video diffusion", "--limit", "5", "--json");
        using var found = JsonDocument.Parse(alone.Output);
        var id = found.RootElement.GetProperty("hits")[0].GetProperty("id").GetString()!;
        var relatedAlone = Paperboy("related", id, "--json");

        using var held = KeywordIndex.Open(KeywordIndex.DirectoryIn(_data.Path));
        var search = Paperboy("search", "video diffusion", "--limit", "5", "--json");
        var related = Paperboy("related", id, "--json");

        Assert.Equal(0, search.ExitCode);
        Assert.Equal(alone.Output, search.Output);
        Assert.Contains(Path.GetFullPath(_data.Path), search.Error, StringComparison.Ordinal);
        Assert.Contains("last committed", search.Error, StringComparison.Ordinal);
        Assert.Equal(0, related.ExitCode);
        Assert.Equal(relatedAlone.Output, related.Output);
    }

    [Theory]
    [InlineData("index")]
    [InlineData("index", "--rebuild")]
    public void Index_while_another_process_holds_the_index_fails_at_once_saying_the_server_keeps_it_up_to_date(params string[] command)
    {
        var before = Paperboy("search", "language model agents", "--json").Output;

        PaperboyProcess.Result result;
        using (KeywordIndex.Open(KeywordIndex.DirectoryIn(_data.Path)))
        {
            result = Paperboy([.. command, "--embedder", "hashing"]);
        }

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("paperboy: ", result.Error, StringComparison.Ordinal);
        Assert.Contains(Path.GetFullPath(_data.Path), result.Error, StringComparison.Ordinal);
        Assert.Contains("keeps its indexes up to date itself", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.Equal(before, Paperboy("search", "language model agents", "--json").Output);
    }

    private PaperboyProcess.Result Paperboy(params string[] arguments) => PaperboyProcess.Run(["--data", _data.Path, .. arguments]);
}
