using Paperboy.Submissions;
using static Paperboy.Tests.Support.Records;

namespace Paperboy.Tests.Store;

/// <summary>The contract for submissions: one per paper, the first standing, listed by submission day, most upvoted first.</summary>
public abstract partial class PaperStoreContract
{
    private static readonly DateOnly _day = new(2026, 11, 27);

    protected ISubmissionStore Submissions => (ISubmissionStore)Store;

    [Fact]
    public void The_first_submission_of_a_paper_stands()
    {
        Store.Merge([Arxiv("2401.00001")]);
        var ada = AddUser("ada");
        var alan = AddUser("alan");

        var sequence = Store.Statistics().ChangeSequence;
        var first = Submissions.RecordSubmission("2401.00001", ada.Id, _day, _now);
        var again = Submissions.RecordSubmission("2401.00001", alan.Id, _day.AddDays(1), _now.AddDays(1));

        Assert.Equal(new Submission("2401.00001", ada.Id, "ada", _day, _now), first);
        Assert.Equal(first, again);
        Assert.Equal(first, Submissions.FindSubmission("2401.00001"));
        Assert.Equal(sequence + 1, Store.Statistics().ChangeSequence);
        Assert.Equal("2401.00001", Assert.Single(Store.ChangesSince(sequence, 10)).Id);
        Assert.Null(Submissions.FindSubmission("2401.00002"));
    }

    [Fact]
    public void Submitted_papers_are_listed_by_day_most_upvoted_first()
    {
        Store.Merge([Arxiv("2401.00001", upvotes: 1), Arxiv("2401.00002", upvotes: 8), Arxiv("2401.00003", upvotes: 3), Arxiv("2401.00004")]);
        var ada = AddUser("ada");
        Submissions.RecordSubmission("2401.00001", ada.Id, _day, _now);
        Submissions.RecordSubmission("2401.00002", ada.Id, _day, _now);
        Submissions.RecordSubmission("2401.00003", ada.Id, _day.AddDays(-1), _now);

        var listed = Submissions.ListSubmitted(SubmissionQuery.On(_day));

        Assert.Equal(["2401.00002", "2401.00001"], listed.Select(s => s.Paper.Id));
        Assert.All(listed, s => Assert.Equal("ada", s.Submission.UserName));
        Assert.Equal(["2401.00002", "2401.00003", "2401.00001"], Submissions.ListSubmitted(new SubmissionQuery(_day.AddDays(-6), _day)).Select(s => s.Paper.Id));
        Assert.Equal(["2401.00003"], Submissions.ListSubmitted(new SubmissionQuery(_day.AddDays(-6), _day) { Offset = 1, Limit = 1 }).Select(s => s.Paper.Id));
        Assert.Equal((2, 3, 0), (Submissions.CountSubmitted(_day, _day), Submissions.CountSubmitted(_day.AddDays(-1), _day), Submissions.CountSubmitted(_day.AddDays(1), _day.AddDays(9))));
    }

    [Fact]
    public void Submitting_a_missing_paper_or_as_an_unknown_user_is_refused()
    {
        Store.Merge([Arxiv("2401.00001")]);
        var ada = AddUser("ada");

        Assert.Contains("no paper has id \"2401.99999\"", Assert.Throws<ArgumentException>(() => Submissions.RecordSubmission("2401.99999", ada.Id, _day, _now)).Message);
        Assert.Contains("no user has id 99", Assert.Throws<ArgumentException>(() => Submissions.RecordSubmission("2401.00001", 99, _day, _now)).Message);
        Assert.Empty(Submissions.ListSubmitted(SubmissionQuery.On(_day)));
    }

    [Fact]
    public void A_deleted_paper_leaves_the_curated_list()
    {
        Store.Merge([Arxiv("2401.00001")]);
        Submissions.RecordSubmission("2401.00001", AddUser("ada").Id, _day, _now);

        Store.Delete("2401.00001");
        Store.Merge([Arxiv("2401.00001")]);

        Assert.Null(Submissions.FindSubmission("2401.00001"));
        Assert.Empty(Submissions.ListSubmitted(SubmissionQuery.On(_day)));
    }
}
