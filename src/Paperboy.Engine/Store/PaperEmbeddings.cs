using Paperboy.Papers;

namespace Paperboy.Store;

/// <summary>The model that made a set of vectors: vectors of another name, version or dimension never mix.</summary>
public sealed record EmbeddingModel(string Name, string Version, int Dimension);

/// <summary>A vector to store for a paper, with what it was computed from.</summary>
/// <param name="PaperId">The paper embedded.</param>
/// <param name="PaperSequence">The paper's <see cref="Paper.Sequence"/> when its text was read.</param>
/// <param name="TextHash">A hash of the text embedded, so that a change that leaves the text alone costs no re-embedding.</param>
/// <param name="Vector">The unit-length vector, of the model's dimension.</param>
public sealed record PaperEmbedding(string PaperId, long PaperSequence, string TextHash, float[] Vector);

/// <summary>A stored vector, with the embedding sequence number it was written at (for catching up).</summary>
public sealed record StoredEmbedding(string PaperId, long Sequence, float[] Vector, string TextHash);

/// <summary>A paper that needs embedding, or whose stored vector must be confirmed: it changed after it was embedded.</summary>
/// <param name="Paper">The paper as it is now.</param>
/// <param name="StoredTextHash">The text hash of its vector of this model version, or null when it has none.</param>
public sealed record EmbeddingCandidate(Paper Paper, string? StoredTextHash);
