using System.Text;
using Paperboy.Papers;

namespace Paperboy.Ingest.HuggingFace;

/// <summary>Turns classified page lines into paper entries: a title, its abstract, then optional author, date and upvote lines.</summary>
/// <remarks>
/// Short lines wait until the next line shows what they were: before a paragraph the last one is the title;
/// before an author, separator or date line the last one is a title whose abstract is missing.
/// Short lines that nothing explains (navigation before the first entry, the footer after the last) are furniture.
/// </remarks>
internal sealed class HfPageParser(string name)
{
    /// <summary>More unexplained short lines in a row than this are furniture, not a list of papers; the oldest are dropped.</summary>
    private const int MaxPending = 64;

    private readonly List<HfPageLine> _pending = [];
    private Draft? _entry;
    private bool _inBody;
    private HfLineKind _previous = HfLineKind.Blank;

    /// <summary>Takes the next line, adding to <paramref name="output"/> what it completes.</summary>
    public void Accept(HfPageLine line, List<SourceEntry> output)
    {
        if (line.Kind == HfLineKind.Blank)
        {
            return;
        }

        var previous = _previous;
        _previous = line.Kind;
        switch (line.Kind)
        {
            case HfLineKind.Chrome:
                return;
            case HfLineKind.Paragraph:
                AcceptParagraph(line, output);
                return;
            case HfLineKind.Authors or HfLineKind.Separator or HfLineKind.Date:
                AcceptMeta(line, output);
                return;
            // Only right after its date is a bare number an upvote count; elsewhere it is pagination.
            case HfLineKind.Number when previous == HfLineKind.Date && _entry is { IsBad: false, Upvotes: null }:
                _entry.Upvotes = line.Upvotes;
                return;
            default:
                if (_pending.Count == MaxPending)
                {
                    _pending.RemoveAt(0);
                }

                _pending.Add(line);
                return;
        }
    }

    /// <summary>Completes the last entry at the end of the input; short lines still waiting are the footer.</summary>
    public void Finish(List<SourceEntry> output)
    {
        Emit(output);
        _pending.Clear();
    }

    private void AcceptParagraph(HfPageLine line, List<SourceEntry> output)
    {
        if (_pending.Count == 0)
        {
            if (_entry is { IsBad: false, HasMeta: false })
            {
                _entry.Abstract.Append("\n\n").Append(line.Text);
                return;
            }

            Emit(output);
            if (_inBody)
            {
                output.Add(SourceEntry.Bad(Origin(line), $"a paragraph with no title before it (\"{Excerpt(line.Text)}\")"));
            }

            return;
        }

        Emit(output);
        var title = _pending[^1];
        ReportUnexplained(_pending.Count - 1, output);
        _pending.Clear();
        _entry = new Draft(title);
        _entry.Abstract.Append(line.Text);
        _inBody = true;
    }

    private void AcceptMeta(HfPageLine line, List<SourceEntry> output)
    {
        if (_pending.Count > 0)
        {
            // Before the first entry a lone date is the page's own day (the daily list it shows), not a paper's.
            if (!_inBody && line.Kind == HfLineKind.Date)
            {
                _pending.Clear();
                return;
            }

            Emit(output);
            var title = _pending[^1];
            ReportUnexplained(_pending.Count - 1, output);
            _pending.Clear();
            output.Add(SourceEntry.Bad(Origin(title),
                $"no abstract after the title \"{title.Text}\" (line {line.Number} is \"{line.Text}\"); the entry is skipped"));
            _entry = Draft.Skipped(title);
            _inBody = true;
            return;
        }

        if (_entry is null || _entry.IsBad)
        {
            return;
        }

        _entry.HasMeta = true;
        _entry.AuthorCount ??= line.AuthorCount;
        if (line.Kind == HfLineKind.Date && _entry.Listed is null)
        {
            _entry.Listed = line.Day;
            _entry.Upvotes = line.Upvotes;
        }
    }

    /// <summary>In the body, title-like short lines before the real title are entries that lost their abstract.</summary>
    private void ReportUnexplained(int count, List<SourceEntry> output)
    {
        if (!_inBody)
        {
            return;
        }

        foreach (var line in _pending.Take(count).Where(l => HfPageLines.LooksLikeTitle(l.Text)))
        {
            output.Add(SourceEntry.Bad(Origin(line), $"no abstract after the title \"{line.Text}\"; the entry is skipped"));
        }
    }

    private void Emit(List<SourceEntry> output)
    {
        if (_entry is { IsBad: false } entry)
        {
            output.Add(SourceEntry.Of(new PaperRecord
            {
                Source = HfPageTextReader.FormatName,
                Origin = Origin(entry.Title),
                Title = TextCleanup.CollapseWhitespace(entry.Title.Text),
                Abstract = entry.Abstract.ToString(),
                AuthorCount = entry.AuthorCount,
                Listed = entry.Listed,
                Upvotes = entry.Upvotes,
            }));
        }

        _entry = null;
    }

    private string Origin(HfPageLine line) => $"{name}:{line.Number}";

    private static string Excerpt(string text) => text.Length <= 60 ? text : text[..60] + "…";


    /// <summary>An entry being read: its title line, abstract so far, and what its meta lines said.</summary>
    private sealed class Draft(HfPageLine title)
    {
        public HfPageLine Title { get; } = title;

        public StringBuilder Abstract { get; } = new();

        /// <summary>An entry already reported as bad, kept only so its meta lines are not given to another paper.</summary>
        public bool IsBad { get; private init; }

        public bool HasMeta { get; set; }

        public int? AuthorCount { get; set; }

        public DateOnly? Listed { get; set; }

        public int? Upvotes { get; set; }

        public static Draft Skipped(HfPageLine title) => new(title) { IsBad = true };
    }
}
