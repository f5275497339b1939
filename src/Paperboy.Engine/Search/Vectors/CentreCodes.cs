using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Paperboy.Search.Vectors;

/// <summary>
/// The cluster centres as 12-bit integers with one scale per dimension, half the bytes of their floats, and a bound on how
/// far a query's integer product with a centre can be from the exact one, so that the exact ranking can be recovered.
/// </summary>
/// <remarks>
/// A code is <c>round(x / scale)</c>, the scale being the dimension's largest magnitude over 2,047; the query keeps 15
/// bits with the scales folded in. One product is then a multiply-add of 16-bit integers per dimension, and its error is
/// known: at most half a step a component of the centre, half a unit a component of the query.
/// </remarks>
internal sealed class CentreCodes
{
    /// <summary>The largest code magnitude: a multiply-add puts at most 2 x 2,047 x 16,383 into a 32-bit lane, and 16 of them fit.</summary>
    private const float CodeRange = 2_047f;

    /// <summary>The largest query component.</summary>
    private const float QueryRange = 16_383f;

    private readonly float[] _scales;
    private readonly short[] _codes;

    /// <summary>Encodes <paramref name="centres"/> (row-major, <paramref name="dimension"/> a row).</summary>
    public CentreCodes(float[] centres, int dimension)
    {
        _scales = new float[dimension];
        for (var at = 0; at < centres.Length; at++)
        {
            _scales[at % dimension] = Math.Max(_scales[at % dimension], Math.Abs(centres[at]));
        }

        // A dimension where every centre is zero keeps scale 0: its codes are 0, and the query's value there counts for nothing.
        for (var d = 0; d < dimension; d++)
        {
            _scales[d] /= CodeRange;
        }

        _codes = new short[centres.Length];
        for (var at = 0; at < centres.Length; at++)
        {
            var scale = _scales[at % dimension];
            _codes[at] = scale > 0 ? (short)Math.Clamp(MathF.Round(centres[at] / scale), -CodeRange, CodeRange) : (short)0;
        }
    }

    public long MemoryBytes => ((long)_codes.Length * sizeof(short)) + ((long)_scales.Length * sizeof(float));

    /// <summary>Writes the query form of <paramref name="query"/>: its components times the scales, as 16-bit integers.</summary>
    /// <returns>
    /// How far <see cref="Product"/> may lie from the product of the query and a centre computed in floats, in its units
    /// (so that the centres nearest by their floats can be told from the codes).
    /// </returns>
    public long EncodeQuery(ReadOnlySpan<float> query, Span<short> encoded)
    {
        // In doubles: a tiny query's factor would overflow a float.
        var (largest, magnitude) = (0d, 0d);
        for (var d = 0; d < _scales.Length; d++)
        {
            var scaled = Math.Abs((double)query[d] * _scales[d]);
            (largest, magnitude) = (Math.Max(largest, scaled), magnitude + scaled);
        }

        var factor = largest > 0 ? QueryRange / largest : 0;
        for (var d = 0; d < _scales.Length; d++)
        {
            encoded[d] = (short)Math.Round((double)query[d] * _scales[d] * factor);
        }

        // A centre's code is off by at most half a step (its scale) a component and a code is at most 2,047; the query's
        // code is off by at most half a unit. A float product of the query and a centre is off the exact one by at most
        // (dimension + 8) float steps of the sum of magnitudes, each centre component being at most 2,047 steps. The
        // first and last terms are at most 16,383 x dimension each (magnitude / largest is at most the dimension).
        var dimension = _scales.Length;
        var floatProducts = (dimension + 8) * CodeRange / (1 << 23);
        return (long)Math.Ceiling(factor * magnitude * ((0.5 * 1.001) + floatProducts)) + (1_030L * dimension) + 16;
    }

    /// <summary>Whether products run as vector instructions here; elsewhere the centres' floats serve alone.</summary>
    public static bool IsSupported => Avx2.IsSupported;

    /// <summary>The product of centre <paramref name="centre"/> and an encoded query: the exact product times the query's factor, within the bound.</summary>
    public long Product(int centre, ReadOnlySpan<short> query)
    {
        var code = _codes.AsSpan(centre * _scales.Length, _scales.Length);
        ref var codes = ref MemoryMarshal.GetReference(code);
        ref var queries = ref MemoryMarshal.GetReference(query);
        var (i, sum) = (0, 0L);

        // Each 32-bit lane gathers at most 2 x 2,047 x 16,383 a multiply-add: 16 of them fit in it, then it goes into the sum.
        while (Avx512BW.IsSupported && i + 32 <= code.Length)
        {
            var lanes = Vector512<int>.Zero;
            for (var end = Math.Min(code.Length, i + (16 * 32)); i + 32 <= end; i += 32)
            {
                lanes += Avx512BW.MultiplyAddAdjacent(Vector512.LoadUnsafe(ref codes, (nuint)i), Vector512.LoadUnsafe(ref queries, (nuint)i));
            }

            sum += Vector512.Sum(Vector512.WidenLower(lanes)) + Vector512.Sum(Vector512.WidenUpper(lanes));
        }

        while (Avx2.IsSupported && i + 16 <= code.Length)
        {
            var lanes = Vector256<int>.Zero;
            for (var end = Math.Min(code.Length, i + (16 * 16)); i + 16 <= end; i += 16)
            {
                lanes += Avx2.MultiplyAddAdjacent(Vector256.LoadUnsafe(ref codes, (nuint)i), Vector256.LoadUnsafe(ref queries, (nuint)i));
            }

            sum += Vector256.Sum(Vector256.WidenLower(lanes)) + Vector256.Sum(Vector256.WidenUpper(lanes));
        }

        for (; i < code.Length; i++)
        {
            sum += code[i] * query[i];
        }

        return sum;
    }
}
