namespace Paperboy.Harvest;

/// <summary>How far a harvest has got, reported after each page.</summary>
/// <param name="Pages">Pages fetched so far.</param>
/// <param name="Records">Records read from those pages (deleted records not counted), whatever their category.</param>
/// <param name="Kept">Entries handed on: records in the requested category, and bad records.</param>
/// <param name="ResumptionToken">The token for the next page; empty or null once the list is complete.</param>
/// <param name="CompleteListSize">The size of the whole list, when the repository says.</param>
/// <param name="Retries">Requests repeated so far after a transient failure.</param>
public sealed record HarvestProgress(int Pages, long Records, long Kept, string? ResumptionToken, long? CompleteListSize, int Retries);
