using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Core;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.Miscellaneous;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Util;

namespace Paperboy.Search.Keyword;

/// <summary>The analyzers of the keyword index, shared by indexing, querying and highlighting so all three agree.</summary>
internal static class KeywordAnalysis
{
    public const LuceneVersion Version = LuceneVersion.LUCENE_48;

    /// <summary>English stemming and stopwords for the text field; plain folded words for author names.</summary>
    /// <remarks>A SciFact reference run found Lucene's EnglishAnalyzer on one title+abstract field best.</remarks>
    public static Analyzer Create() => new PerFieldAnalyzerWrapper(
        new EnglishAnalyzer(Version),
        new Dictionary<string, Analyzer> { [KeywordDocument.Author] = new AuthorNameAnalyzer() });

    /// <summary>The analyzed tokens of <paramref name="text"/> in <paramref name="field"/>, with their positions.</summary>
    public static List<(string Term, int Position)> Tokens(Analyzer analyzer, string field, string text) =>
        TokensWithOffsets(analyzer, field, text).ConvertAll(t => (t.Term, t.Position));

    /// <summary>The analyzed tokens of <paramref name="text"/> in <paramref name="field"/>, with where each lies in the text and its position.</summary>
    public static List<(string Term, int Start, int End, int Position)> TokensWithOffsets(Analyzer analyzer, string field, string text)
    {
        var tokens = new List<(string, int, int, int)>();
        using var stream = analyzer.GetTokenStream(field, text);
        var term = stream.AddAttribute<ICharTermAttribute>();
        var increment = stream.AddAttribute<IPositionIncrementAttribute>();
        var offset = stream.AddAttribute<IOffsetAttribute>();
        stream.Reset();
        var position = -1;
        while (stream.IncrementToken())
        {
            position += increment.PositionIncrement;
            tokens.Add((term.ToString(), offset.StartOffset, offset.EndOffset, position));
        }

        stream.End();
        return tokens;
    }
}

/// <summary>Author names: standard words, lower-cased and folded to ASCII, so <c>Müller</c> finds <c>Muller</c>.</summary>
internal sealed class AuthorNameAnalyzer : Analyzer
{
    /// <summary>The gap between two authors of one paper, wider than any name query's slop, so names never run together.</summary>
    public const int AuthorGap = 100;

    public override int GetPositionIncrementGap(string fieldName) => AuthorGap;

    protected override TokenStreamComponents CreateComponents(string fieldName, TextReader reader)
    {
        var tokenizer = new StandardTokenizer(KeywordAnalysis.Version, reader);
        TokenStream stream = new LowerCaseFilter(KeywordAnalysis.Version, tokenizer);
        stream = new ASCIIFoldingFilter(stream);
        return new TokenStreamComponents(tokenizer, stream);
    }
}
