using System.Text;

namespace Paperboy.Ingest.HuggingFace;

/// <summary>Reads the text of a Hugging Face papers page (daily list or search results) as copied from a browser.</summary>
/// <remarks>
/// <para>
/// Each entry is a title, its abstract (one or more long paragraphs, full or cut), then optionally <c>• N authors</c>,
/// a lone <c>·</c> and a date line (<c>Sep 11</c>, <c>May 4, 2024</c>; a number after the date is the upvote count).
/// Blank lines between them are optional. Lines are classified by their shape, not their position: prose is long or wordy,
/// a title is the short line just before an abstract, and known site furniture (navigation, "Subscribe", footer) is dropped.
/// A title followed by author or date lines instead of an abstract is reported as a bad entry and reading goes on.
/// </para>
/// <para>
/// The date line becomes <see cref="Papers.PaperRecord.Listed"/>. The site omits the year for dates in the current year,
/// so a date without a year is taken as the most recent such day not after the reference day: the day given to the
/// constructor (for a saved page, the day it was saved), else today in UTC from the <see cref="TimeProvider"/>.
/// A date line without a number leaves the upvotes unknown (null), not zero. A lone date before the first entry is the
/// day of the list the page shows and belongs to no paper.
/// </para>
/// </remarks>
public sealed class HfPageTextReader : IPaperReader
{
    public const string FormatName = "hf-page";

    private readonly Func<DateOnly> _referenceDay;

    /// <summary>Resolves dates without a year against today (UTC).</summary>
    public HfPageTextReader()
        : this(TimeProvider.System)
    {
    }

    /// <summary>Resolves dates without a year against today (UTC) as <paramref name="clock"/> tells it, at each read.</summary>
    public HfPageTextReader(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        _referenceDay = () => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
    }

    /// <summary>Resolves dates without a year against <paramref name="referenceDay"/>, e.g. the day the page was saved.</summary>
    public HfPageTextReader(DateOnly referenceDay) => _referenceDay = () => referenceDay;

    public string Format => FormatName;

    public IEnumerable<SourceEntry> Read(Stream input, string name)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(name);
        return ReadEntries(input, name);
    }

    private IEnumerable<SourceEntry> ReadEntries(Stream input, string name)
    {
        var referenceDay = _referenceDay();
        var parser = new HfPageParser(name);
        var completed = new List<SourceEntry>();
        using var reader = new StreamReader(input, Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        long number = 0;
        while (reader.ReadLine() is { } text)
        {
            number++;
            parser.Accept(HfPageLines.Classify(text, number, referenceDay), completed);
            foreach (var entry in completed)
            {
                yield return entry;
            }

            completed.Clear();
        }

        parser.Finish(completed);
        foreach (var entry in completed)
        {
            yield return entry;
        }
    }
}
