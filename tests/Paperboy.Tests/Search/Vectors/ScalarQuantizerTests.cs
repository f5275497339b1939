using CsCheck;
using Paperboy.Search.Vectors;

namespace Paperboy.Tests.Search.Vectors;

public sealed class ScalarQuantizerTests
{
    [Fact]
    public void The_simd_dot_product_equals_the_plain_sum_at_every_length()
    {
        Gen.Int[1, 400].SelectMany(n => Gen.SByte.Array[n].SelectMany(code => Gen.Short.Array[n].Select(query => (code, query))))
            .Sample(t =>
            {
                var (code, query) = t;
                var expected = code.Zip(query, (c, q) => c * q).Sum();
                Assert.Equal(expected, ScalarQuantizer.Dot(code, query));
            });
    }

    [Fact]
    public void Codes_rank_vectors_as_their_cosines_do_when_the_gaps_are_wide()
    {
        var quantizer = ScalarQuantizer.Fitted([0.8f, 0.8f, 0.8f]);
        float[][] vectors = [[0.8f, 0.6f, 0], [0.6f, 0.8f, 0], [0, 0.6f, 0.8f]];
        var query = new short[3];
        quantizer.EncodeQuery([1, 0, 0], query);

        var scores = vectors.Select(v =>
        {
            var code = new sbyte[3];
            quantizer.Encode(v, code);
            return ScalarQuantizer.Dot(code, query);
        }).ToList();

        Assert.True(scores[0] > scores[1] && scores[1] > scores[2]);
    }

    [Fact]
    public void Components_beyond_the_fitted_range_are_clamped_not_wrapped()
    {
        var quantizer = ScalarQuantizer.Fitted([0.1f, 0.1f]);
        var code = new sbyte[2];

        quantizer.Encode([0.9f, -0.9f], code);

        Assert.Equal([(sbyte)127, (sbyte)-127], code);
    }
}
