using Microsoft.Extensions.Logging;

namespace Paperboy.Web.Submissions;

/// <summary>What submissions log: arXiv failing for a while, since a submitter is waiting on it.</summary>
internal static partial class SubmissionsLog
{
    [LoggerMessage(20, LogLevel.Warning, "arXiv API at {Url}: {Retry}")]
    public static partial void ArxivRetrying(this ILogger log, Uri url, string retry);
}
