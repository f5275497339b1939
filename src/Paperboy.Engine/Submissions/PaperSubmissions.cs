using Paperboy.Harvest;
using Paperboy.Ingest;
using Paperboy.Papers;
using Paperboy.Store;

namespace Paperboy.Submissions;

/// <summary>Submitting a paper by arXiv id or URL: fetch its metadata when the store lacks it, merge it, and put it on the day's curated list.</summary>
/// <remarks>The submission day is the UTC day of the submission, so every node of a deployment agrees on it.</remarks>
public sealed class PaperSubmissions(IPaperStore papers, ISubmissionStore submissions, ArxivApiClient arxiv, TimeProvider time)
{
    /// <summary>The source name that field provenance records for a listing day set by a submission.</summary>
    public const string SourceName = "submission";

    /// <summary>Submits the paper <paramref name="idOrUrl"/> names on behalf of <paramref name="userId"/>.</summary>
    /// <exception cref="SubmissionException">The id is malformed, or arXiv does not know it.</exception>
    /// <exception cref="HarvestException">arXiv could not be reached.</exception>
    /// <exception cref="InputException">arXiv's reply could not be read.</exception>
    public async Task<SubmissionOutcome> SubmitAsync(string? idOrUrl, long userId, CancellationToken cancellation = default)
    {
        var id = ArxivSubmissionId.Parse(idOrUrl);
        var paper = papers.Find(id);
        var fetched = false;
        // A paper the store already holds with an abstract needs no request: arXiv's metadata is already merged in.
        if (paper is null || paper.Abstract.Length == 0)
        {
            var record = await arxiv.FetchAsync(id, cancellation)
                ?? throw new SubmissionException(SubmissionProblem.UnknownId, $"arXiv has no paper with id {id}; check the id (e.g. {ArxivSubmissionId.Examples})");
            papers.Merge([record]);
            paper = papers.Find(id) ?? throw new InvalidOperationException($"paper {id} was merged but cannot be found");
            fetched = true;
        }

        var earlier = submissions.FindSubmission(id);
        var now = time.GetUtcNow();
        var day = DateOnly.FromDateTime(now.UtcDateTime);
        var submission = earlier ?? submissions.RecordSubmission(id, userId, day, now);
        if (paper.Listed is null)
        {
            // The arXiv API gives no listing day; a paper without one is listed on the day it was submitted, so that the
            // day's page (which exists for days that list papers) shows it.
            papers.Merge([new PaperRecord { Source = SourceName, Origin = $"submission by user {submission.UserId}", ArxivId = id, Title = paper.Title, Listed = submission.Day }]);
            paper = papers.Find(id) ?? paper;
        }

        return new SubmissionOutcome(paper, submission, fetched, earlier is not null || submission.UserId != userId);
    }
}

/// <summary>What a submission did.</summary>
/// <param name="Paper">The paper as the store now holds it.</param>
/// <param name="Submission">The submission that stands: this one, or an earlier one by someone (or the same person).</param>
/// <param name="Fetched">True when arXiv was asked for the metadata.</param>
/// <param name="AlreadySubmitted">True when the paper had been submitted before; <paramref name="Submission"/> is that earlier one.</param>
public sealed record SubmissionOutcome(Paper Paper, Submission Submission, bool Fetched, bool AlreadySubmitted);
