using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Paperboy.Search.Vectors;

/// <summary>Int8 codes of vectors with one scale per dimension, and the integer dot product that ranks them against a query.</summary>
/// <remarks>
/// A code is <c>round(x / scale)</c>, the scale being the dimension's largest magnitude over 127, so each dimension uses
/// the whole int8 range. The query keeps 16 bits with the scales folded in, so ranking costs one int8 x int16
/// multiply-add per dimension and the query adds almost no error. Codes only choose candidates: scores are exact floats.
/// </remarks>
internal sealed class ScalarQuantizer
{
    /// <summary>The largest query component: 384 dimensions x 127 x 16,383 stays well inside an int.</summary>
    private const float QueryRange = 16_383f;

    private readonly float[] _scales;

    private ScalarQuantizer(float[] scales) => _scales = scales;

    public int Dimension => _scales.Length;

    /// <summary>The quantiser for unit vectors before any have been seen: every component lies in [-1, 1].</summary>
    public static ScalarQuantizer ForUnitVectors(int dimension)
    {
        var scales = new float[dimension];
        Array.Fill(scales, 1f / 127);
        return new ScalarQuantizer(scales);
    }

    /// <summary>The quantiser fitted to the largest magnitude of each dimension in <paramref name="maxMagnitudes"/>.</summary>
    public static ScalarQuantizer Fitted(ReadOnlySpan<float> maxMagnitudes)
    {
        var scales = new float[maxMagnitudes.Length];
        for (var i = 0; i < scales.Length; i++)
        {
            scales[i] = maxMagnitudes[i] > 0 ? maxMagnitudes[i] / 127 : 1f / 127;
        }

        return new ScalarQuantizer(scales);
    }

    /// <summary>Writes the code of <paramref name="vector"/>; components beyond the fitted range are clamped.</summary>
    public void Encode(ReadOnlySpan<float> vector, Span<sbyte> code)
    {
        for (var i = 0; i < _scales.Length; i++)
        {
            code[i] = (sbyte)Math.Clamp(MathF.Round(vector[i] / _scales[i]), -127f, 127f);
        }
    }

    /// <summary>Writes the query form of <paramref name="query"/>: its components times the scales, as 16-bit integers.</summary>
    public void EncodeQuery(ReadOnlySpan<float> query, Span<short> encoded)
    {
        var largest = 0f;
        for (var i = 0; i < _scales.Length; i++)
        {
            largest = Math.Max(largest, Math.Abs(query[i] * _scales[i]));
        }

        var factor = largest > 0 ? QueryRange / largest : 0;
        for (var i = 0; i < _scales.Length; i++)
        {
            encoded[i] = (short)MathF.Round(query[i] * _scales[i] * factor);
        }
    }

    /// <summary>The dot product of a code and an encoded query: proportional to the approximate cosine.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Dot(ReadOnlySpan<sbyte> code, ReadOnlySpan<short> query)
    {
        var length = code.Length;
        var i = 0;
        var sum = 0;
        ref var codes = ref MemoryMarshal.GetReference(code);
        ref var queries = ref MemoryMarshal.GetReference(query);
        if (Avx512BW.IsSupported && length >= 64)
        {
            // Twice the AVX2 loop's width: 32 products a vpmaddwd.
            var first = Vector512<int>.Zero;
            var second = Vector512<int>.Zero;
            for (; i + 64 <= length; i += 64)
            {
                var low = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref codes, (nuint)i));
                var high = Avx512BW.ConvertToVector512Int16(Vector256.LoadUnsafe(ref codes, (nuint)(i + 32)));
                first = Avx512F.Add(first, Avx512BW.MultiplyAddAdjacent(low, Vector512.LoadUnsafe(ref queries, (nuint)i)));
                second = Avx512F.Add(second, Avx512BW.MultiplyAddAdjacent(high, Vector512.LoadUnsafe(ref queries, (nuint)(i + 32))));
            }

            sum = Vector512.Sum(Avx512F.Add(first, second));
        }

        if (Avx2.IsSupported && i + 32 <= length)
        {
            var first = Vector256<int>.Zero;
            var second = Vector256<int>.Zero;
            for (; i + 32 <= length; i += 32)
            {
                var low = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref codes, (nuint)i));
                var high = Avx2.ConvertToVector256Int16(Vector128.LoadUnsafe(ref codes, (nuint)(i + 16)));
                first = Avx2.Add(first, Avx2.MultiplyAddAdjacent(low, Vector256.LoadUnsafe(ref queries, (nuint)i)));
                second = Avx2.Add(second, Avx2.MultiplyAddAdjacent(high, Vector256.LoadUnsafe(ref queries, (nuint)(i + 16))));
            }

            sum += Vector256.Sum(Avx2.Add(first, second));
        }

        for (; i < length; i++)
        {
            sum += code[i] * query[i];
        }

        return sum;
    }
}
