using Paperboy.Search;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Search;

public sealed class IndexedEmbeddersTests
{
    [Fact]
    public void A_data_directory_never_indexed_has_none()
    {
        using var data = new TempDirectory();

        Assert.Equal("none", IndexedEmbedders.Read(data.Path));
    }

    [Fact]
    public void The_last_recorded_embedders_are_read_back_in_order()
    {
        using var data = new TempDirectory();

        IndexedEmbedders.Record(data.Path, ["all-minilm-l6-v2", "arctic-embed-xs"]);
        IndexedEmbedders.Record(data.Path, ["arctic-embed-xs", "all-minilm-l6-v2"]);

        Assert.Equal("arctic-embed-xs,all-minilm-l6-v2", IndexedEmbedders.Read(data.Path));
        Assert.Equal(["embedders"], Directory.GetFiles(Path.Combine(data.Path, "index")).Select(Path.GetFileName));
    }

    [Fact]
    public void Recording_no_embedders_reads_back_as_none()
    {
        using var data = new TempDirectory();

        IndexedEmbedders.Record(data.Path, ["all-minilm-l6-v2"]);
        IndexedEmbedders.Record(data.Path, []);

        Assert.Equal("none", IndexedEmbedders.Read(data.Path));
    }

    [Fact]
    public void A_record_that_cannot_replace_the_list_leaves_no_file_of_its_own_behind()
    {
        using var data = new TempDirectory();
        Directory.CreateDirectory(Path.Combine(data.Path, "index", "embedders"));

        Assert.ThrowsAny<IOException>(() => IndexedEmbedders.Record(data.Path, ["all-minilm-l6-v2"]));

        Assert.Empty(Directory.GetFiles(Path.Combine(data.Path, "index")));
    }
}
