using System.Numerics.Tensors;

namespace Paperboy.Search.Embeddings;

/// <summary>The few vector operations embeddings need, on top of SIMD tensor primitives.</summary>
public static class VectorMath
{
    /// <summary>Scales the vector to unit length in place; a zero vector stays zero.</summary>
    public static void Normalize(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0)
        {
            TensorPrimitives.Divide(vector, norm, vector);
        }
    }

    /// <summary>The cosine similarity of two unit-length vectors (their dot product).</summary>
    public static float Cosine(ReadOnlySpan<float> a, ReadOnlySpan<float> b) => TensorPrimitives.Dot(a, b);
}
