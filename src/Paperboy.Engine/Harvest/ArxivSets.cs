namespace Paperboy.Harvest;

/// <summary>Maps an arXiv category or archive to the OAI-PMH set that holds it.</summary>
/// <remarks>
/// arXiv's sets are its top-level groups: <c>cs</c>, <c>econ</c>, <c>eess</c>, <c>math</c>, <c>q-bio</c>, <c>q-fin</c>, <c>stat</c>;
/// the physics archives are sets inside <c>physics</c>: <c>hep-th</c> is <c>physics:hep-th</c>, <c>astro-ph.CO</c> is
/// <c>physics:astro-ph</c>, <c>physics.optics</c> is <c>physics:physics</c>, <c>math-ph</c> is <c>physics:math-ph</c>.
/// A set is wider than a category, so the harvester filters its records to the category asked for.
/// </remarks>
public static class ArxivSets
{
    private static readonly HashSet<string> _groups = ["cs", "econ", "eess", "math", "q-bio", "q-fin", "stat"];

    private static readonly HashSet<string> _physicsArchives =
    [
        "astro-ph", "cond-mat", "gr-qc", "hep-ex", "hep-lat", "hep-ph", "hep-th",
        "math-ph", "nlin", "nucl-ex", "nucl-th", "physics", "quant-ph",
    ];

    /// <summary>The set for <paramref name="category"/> (e.g. <c>cs.LG</c> → <c>cs</c>, <c>hep-th</c> → <c>physics:hep-th</c>).</summary>
    /// <exception cref="ArgumentException">The category's archive is not one arXiv has.</exception>
    public static string ForCategory(string category)
    {
        ArgumentNullException.ThrowIfNull(category);
        var archive = category.Trim().Split('.')[0];
        if (_groups.Contains(archive))
        {
            return archive;
        }

        if (_physicsArchives.Contains(archive))
        {
            return $"physics:{archive}";
        }

        throw new ArgumentException($"'{category}' is not an arXiv category or archive (e.g. cs.LG, hep-th, astro-ph.CO)", nameof(category));
    }

    /// <summary>True when <paramref name="categories"/> lists <paramref name="category"/>, or any category of it when it is an archive (<c>cs</c>, <c>astro-ph</c>).</summary>
    public static bool Lists(IEnumerable<string>? categories, string category) =>
        categories is not null && categories.Any(listed =>
            listed == category || (listed.StartsWith(category, StringComparison.Ordinal) && listed.Length > category.Length && listed[category.Length] == '.'));
}
