namespace Paperboy.Papers;

/// <summary>Merges a source's record into the stored paper.</summary>
/// <remarks>
/// The rules make a merge idempotent (applying a record twice changes nothing the second time) and the result
/// independent of the order records arrive in. Records are ordered by (arXiv version, update day), unknowns lowest:
/// a record above the paper replaces what it provides; one below only fills gaps; at a tie it fills gaps and a longer
/// abstract (a full one over a cut one) wins;
/// a source's upvotes and author counts take the larger value, so they are never lost (site votes are kept apart from
/// the source's count and added to it, so an import neither loses nor doubles them);
/// the publication day takes the earliest value seen and the update and listing days the latest.
/// </remarks>
public static class PaperMerge
{
    /// <summary>
    /// The most upvotes a source may report: far above any real paper's, and low enough that the site's own votes,
    /// added on top, never overflow the count (a record claiming int.MaxValue made the paper impossible to vote on).
    /// </summary>
    public const int MaxSourceUpvotes = 1_000_000_000;
    /// <summary>The paper after <paramref name="record"/> is merged into <paramref name="existing"/> (or a new paper).</summary>
    public static Paper Apply(Paper? existing, PaperRecord record)
    {
        if (existing is null)
        {
            return Create(record);
        }

        var sources = new Dictionary<string, string>(existing.Sources);
        var order = Compare(record, existing);
        var newer = order > 0;

        string Pick(string field, string current, string? offered) =>
            Take(field, current, offered ?? current, offered is not null && offered.Length > 0 && newer && offered != current);

        T Take<T>(string field, T current, T offered, bool replace)
        {
            if (!replace)
            {
                return current;
            }

            sources[field] = record.Source;
            return offered;
        }

        var title = Pick("title", existing.Title, record.Title);
        var abstractText = existing.Abstract;
        if (record.Abstract is { Length: > 0 } offeredAbstract && offeredAbstract != existing.Abstract
            && (newer || (order == 0 && offeredAbstract.Length > existing.Abstract.Length)))
        {
            abstractText = Take("abstract", existing.Abstract, offeredAbstract, true);
        }

        var authors = existing.Authors;
        if (record.Authors is { Count: > 0 } offeredAuthors && (existing.Authors.Count == 0 || (newer && !offeredAuthors.SequenceEqual(existing.Authors))))
        {
            authors = Take("authors", existing.Authors, offeredAuthors, true);
        }

        var categories = existing.Categories;
        if (record.Categories is { Count: > 0 } offeredCategories && (existing.Categories.Count == 0 || (newer && !offeredCategories.SequenceEqual(existing.Categories))))
        {
            categories = Take("categories", existing.Categories, offeredCategories, true);
        }

        // An empty author list says nothing about the count (as for a new paper): it must not turn an unknown count into 0.
        var authorCount = MaxOf(existing.AuthorCount, record.AuthorCount ?? (record.Authors is { Count: > 0 } named ? named.Count : null));
        if (authors.Count > 0)
        {
            authorCount = authors.Count;
        }

        return existing with
        {
            Version = MaxOf(existing.Version, record.Version),
            Title = title,
            Abstract = abstractText,
            Authors = authors,
            AuthorCount = Take("author_count", existing.AuthorCount, authorCount, authorCount != existing.AuthorCount),
            Categories = categories,
            Published = Take("published", existing.Published, MinOf(existing.Published, record.Published), MinOf(existing.Published, record.Published) != existing.Published),
            Updated = Take("updated", existing.Updated, MaxOf(existing.Updated, record.Updated), MaxOf(existing.Updated, record.Updated) != existing.Updated),
            Listed = Take("listed", existing.Listed, MaxOf(existing.Listed, record.Listed), MaxOf(existing.Listed, record.Listed) != existing.Listed),
            Upvotes = Take("upvotes", existing.Upvotes, Math.Max(existing.SourceUpvotes, SourceUpvotes(record)) + existing.SiteUpvotes, SourceUpvotes(record) > existing.SourceUpvotes),
            Comments = Take("comments", existing.Comments, record.Comments, record.Comments is not null && (existing.Comments is null || (newer && record.Comments != existing.Comments))),
            Doi = Take("doi", existing.Doi, record.Doi, record.Doi is not null && (existing.Doi is null || (newer && record.Doi != existing.Doi))),
            Sources = sources,
        };
    }

    private static int SourceUpvotes(PaperRecord record) => Math.Clamp(record.Upvotes ?? 0, 0, MaxSourceUpvotes);

    /// <summary>True when merging changed anything a reader can see (the sequence number aside).</summary>
    public static bool Differs(Paper before, Paper after) =>
        before.Id != after.Id || before.Version != after.Version || before.Title != after.Title
        || before.Abstract != after.Abstract || !before.Authors.SequenceEqual(after.Authors)
        || before.AuthorCount != after.AuthorCount || !before.Categories.SequenceEqual(after.Categories)
        || before.Published != after.Published || before.Updated != after.Updated || before.Listed != after.Listed
        || before.Upvotes != after.Upvotes || before.Comments != after.Comments || before.Doi != after.Doi;

    private static Paper Create(PaperRecord record)
    {
        var sources = new Dictionary<string, string> { ["title"] = record.Source };
        void Note(string field, bool known)
        {
            if (known)
            {
                sources[field] = record.Source;
            }
        }

        Note("abstract", record.Abstract is not null);
        Note("authors", record.Authors is { Count: > 0 });
        Note("author_count", record.AuthorCount is not null || record.Authors is { Count: > 0 });
        Note("categories", record.Categories is { Count: > 0 });
        Note("published", record.Published is not null);
        Note("updated", record.Updated is not null);
        Note("listed", record.Listed is not null);
        Note("upvotes", record.Upvotes is not null);
        Note("comments", record.Comments is not null);
        Note("doi", record.Doi is not null);

        return new Paper
        {
            Id = record.PaperId,
            Version = record.Version,
            Title = record.Title,
            Abstract = record.Abstract ?? "",
            Authors = record.Authors ?? [],
            AuthorCount = record.Authors is { Count: > 0 } names ? names.Count : record.AuthorCount,
            Categories = record.Categories ?? [],
            Published = record.Published,
            Updated = record.Updated,
            Listed = record.Listed,
            Upvotes = SourceUpvotes(record),
            Comments = record.Comments,
            Doi = record.Doi,
            Sources = sources,
        };
    }

    /// <summary>Orders a record against the paper by (version, update day), an unknown value below every known one.</summary>
    private static int Compare(PaperRecord record, Paper existing)
    {
        var byVersion = (record.Version ?? 0).CompareTo(existing.Version ?? 0);
        return byVersion != 0 ? byVersion : (record.Updated ?? DateOnly.MinValue).CompareTo(existing.Updated ?? DateOnly.MinValue);
    }

    private static T? MaxOf<T>(T? a, T? b)
        where T : struct, IComparable<T> => a is null ? b : b is null ? a : a.Value.CompareTo(b.Value) >= 0 ? a : b;

    private static T? MinOf<T>(T? a, T? b)
        where T : struct, IComparable<T> => a is null ? b : b is null ? a : a.Value.CompareTo(b.Value) <= 0 ? a : b;
}
