using System.Text;
using FastBertTokenizer;

namespace Paperboy.Search.Embeddings;

/// <summary>Cuts texts into a model's WordPiece ids and packs them into padded batches.</summary>
internal sealed class WordPieceEncoder
{
    private readonly BertTokenizer _tokenizer = new();

    // FastBertTokenizer reuses internal buffers between calls, so one text is encoded at a time.
    private readonly Lock _gate = new();
    private readonly int _maxTokens;

    public WordPieceEncoder(Stream vocabulary, string origin, bool lowercase, int maxTokens)
    {
        _maxTokens = maxTokens;
        var tokens = ReadVocabulary(vocabulary);
        SeparatorId = IdOf(tokens, "[SEP]", origin);
        PaddingId = IdOf(tokens, "[PAD]", origin);
        IdOf(tokens, "[CLS]", origin);
        IdOf(tokens, "[UNK]", origin);
        using var reader = new StringReader(string.Join('\n', tokens));
        _tokenizer.LoadVocabulary(reader, lowercase);
    }

    public long SeparatorId { get; }

    public long PaddingId { get; }

    public TokenBatch Encode(IReadOnlyList<string> texts, string prefix)
    {
        var rows = new long[texts.Count][];
        lock (_gate)
        {
            for (var i = 0; i < texts.Count; i++)
            {
                rows[i] = EncodeOne(prefix + texts[i]);
            }
        }

        var batch = new TokenBatch(texts.Count, rows.Max(r => r.Length));
        for (var i = 0; i < rows.Length; i++)
        {
            var offset = i * batch.Length;
            rows[i].CopyTo(batch.InputIds, offset);
            batch.InputIds.AsSpan(offset + rows[i].Length, batch.Length - rows[i].Length).Fill(PaddingId);
            batch.AttentionMask.AsSpan(offset, rows[i].Length).Fill(1);
            batch.TokenCounts[i] = rows[i].Length;
        }

        return batch;
    }

    private long[] EncodeOne(string text)
    {
        // The limit passed in is a hint: FastBertTokenizer finishes the word it is in and may overshoot it.
        var ids = _tokenizer.Encode(text, _maxTokens).InputIds.Span;
        if (ids.Length <= _maxTokens)
        {
            return ids.ToArray();
        }

        var cut = ids[.._maxTokens].ToArray();
        cut[^1] = SeparatorId;
        return cut;
    }

    private static List<string> ReadVocabulary(Stream vocabulary)
    {
        using var reader = new StreamReader(vocabulary, Encoding.UTF8);
        var tokens = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            tokens.Add(line);
        }

        return tokens;
    }

    private static long IdOf(List<string> tokens, string token, string origin)
    {
        var id = tokens.IndexOf(token);
        return id >= 0 ? id : throw new InvalidOperationException($"{origin}: the vocabulary has no {token} token.");
    }
}
