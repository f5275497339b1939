using Microsoft.Extensions.Logging;

namespace Paperboy.Web.Library;

/// <summary>The structured log events of the library and its indexer.</summary>
internal static partial class LibraryLog
{
    [LoggerMessage(1, LogLevel.Information, "The store in {DataDirectory} was empty: imported the demo corpus ({Papers} papers)")]
    public static partial void DemoImported(ILogger logger, string dataDirectory, int papers);

    [LoggerMessage(2, LogLevel.Information, "Keyword index applied {Applied} changes, now at store sequence {Sequence}")]
    public static partial void KeywordsApplied(ILogger logger, long applied, long sequence);

    [LoggerMessage(3, LogLevel.Error, "Keyword index catch-up failed; retrying in {Interval}")]
    public static partial void KeywordsFailed(ILogger logger, Exception exception, TimeSpan interval);

    [LoggerMessage(4, LogLevel.Error, "Embedding failed; unembedded papers are found by keywords only; retrying in {Interval}")]
    public static partial void EmbeddingFailed(ILogger logger, Exception exception, TimeSpan interval);

    [LoggerMessage(5, LogLevel.Information, "Embedded {Embedded} papers with {Embedder} in {Seconds} s")]
    public static partial void Embedded(ILogger logger, long embedded, string embedder, double seconds);

    [LoggerMessage(6, LogLevel.Information, "Keyword postings copied into memory for fast searches: {Words} words, {Postings} postings in {Seconds} s")]
    public static partial void PostingsCopied(ILogger logger, int words, long postings, double seconds);

    [LoggerMessage(7, LogLevel.Debug, "Keyword postings of new segments copied into memory: {Words} words, {Postings} postings in {Seconds} s")]
    public static partial void NewPostingsCopied(ILogger logger, int words, long postings, double seconds);

    [LoggerMessage(8, LogLevel.Information, "Vector index of {Embedder} applied {Applied} stored vectors in {Seconds} s: {Count} papers searchable by meaning ({Layout})")]
    public static partial void VectorsApplied(ILogger logger, string embedder, int applied, double seconds, int count, string layout);

    [LoggerMessage(9, LogLevel.Information, "Keyword index merged from {Segments} segments into one in {Seconds} s, so that searches visit one")]
    public static partial void KeywordIndexCompacted(ILogger logger, int segments, double seconds);

    [LoggerMessage(10, LogLevel.Warning, "The keyword index in {Directory} could not be read ({Damage}); it was emptied and is rebuilt from the store")]
    public static partial void KeywordIndexDamaged(ILogger logger, string directory, string damage);
}
