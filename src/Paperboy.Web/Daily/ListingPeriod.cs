using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Paperboy.Web.Daily;

/// <summary>How long a listing period is.</summary>
public enum PeriodKind
{
    Day,
    Week,
    Month,
}

/// <summary>A day (<c>2026-11-27</c>), an ISO week (<c>2026-W48</c>) or a month (<c>2026-11</c>) of daily listings.</summary>
public readonly record struct ListingPeriod(PeriodKind Kind, DateOnly First, DateOnly Last)
{
    public static ListingPeriod OfDay(DateOnly day) => new(PeriodKind.Day, day, day);

    public static ListingPeriod OfWeek(DateOnly day)
    {
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

        // The last week of 9999 ends past the calendar's end: the period stops at its last day.
        var sunday = DateOnly.FromDayNumber(Math.Min(monday.DayNumber + 6, DateOnly.MaxValue.DayNumber));
        return new(PeriodKind.Week, monday, sunday);
    }

    public static ListingPeriod OfMonth(DateOnly day) =>
        new(PeriodKind.Month, new DateOnly(day.Year, day.Month, 1), new DateOnly(day.Year, day.Month, DateTime.DaysInMonth(day.Year, day.Month)));

    /// <summary>The period's name as it appears in URLs: <c>2026-11-27</c>, <c>2026-W48</c> or <c>2026-11</c>.</summary>
    public string Name => Kind switch
    {
        PeriodKind.Day => First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        PeriodKind.Week => $"{ISOWeek.GetYear(First.ToDateTime(TimeOnly.MinValue))}-W{ISOWeek.GetWeekOfYear(First.ToDateTime(TimeOnly.MinValue)):00}",
        _ => First.ToString("yyyy-MM", CultureInfo.InvariantCulture),
    };

    /// <summary>The period's path on the site.</summary>
    public string Path => $"/papers/{Kind.ToString().ToLowerInvariant() switch { "day" => "date", var k => k }}/{Name}";

    /// <summary>A heading: <c>Friday 27 November 2026</c>, <c>Week 48 of 2026 (23–29 Nov)</c> or <c>November 2026</c>.</summary>
    public string Title => Kind switch
    {
        PeriodKind.Day => First.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture),
        PeriodKind.Week => $"Week {Name[^2..].TrimStart('0')} of {Name[..4]} ({First.ToString("d MMM", CultureInfo.InvariantCulture)} – {Last.ToString("d MMM", CultureInfo.InvariantCulture)})",
        _ => First.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
    };

    public bool Contains(DateOnly day) => day >= First && day <= Last;

    /// <summary>The period of the same kind that contains <paramref name="day"/>.</summary>
    public ListingPeriod Around(DateOnly day) => Kind switch
    {
        PeriodKind.Day => OfDay(day),
        PeriodKind.Week => OfWeek(day),
        _ => OfMonth(day),
    };

    public static bool TryParseDay(string? text, out ListingPeriod period)
    {
        var ok = DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day);
        period = ok ? OfDay(day) : default;
        return ok;
    }

    /// <summary>Reads <c>2026-W48</c> (ISO 8601 week-numbering year and week).</summary>
    public static bool TryParseWeek(string? text, out ListingPeriod period)
    {
        period = default;
        if (text is not { Length: 8 } || text[4] != '-' || text[5] is not ('W' or 'w')
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(text.AsSpan(6, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var week)
            || year < 1 || week < 1 || week > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }

        period = OfWeek(DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday)));
        return true;
    }

    public static bool TryParseMonth(string? text, out ListingPeriod period)
    {
        var ok = DateOnly.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first);
        period = ok ? OfMonth(first) : default;
        return ok;
    }

    /// <summary>Reads a period of the given kind, in that kind's URL form.</summary>
    public static bool TryParse(PeriodKind kind, string? text, out ListingPeriod period, [NotNullWhen(false)] out string? error)
    {
        var ok = kind switch
        {
            PeriodKind.Day => TryParseDay(text, out period),
            PeriodKind.Week => TryParseWeek(text, out period),
            _ => TryParseMonth(text, out period),
        };
        var form = kind switch { PeriodKind.Day => "yyyy-MM-dd, e.g. 2026-11-27", PeriodKind.Week => "yyyy-Www, e.g. 2026-W48", _ => "yyyy-MM, e.g. 2026-11" };
        error = ok ? null : $"'{text}' is not a {kind.ToString().ToLowerInvariant()}: expected {form}";
        return ok;
    }
}
