using Paperboy.Papers;

namespace Paperboy.Web.Tests.Support;

/// <summary>A small, known corpus: three listing days, an old-style arXiv id, a title-only paper and a few upvotes.</summary>
public static class TestPapers
{
    public static readonly DateOnly Newest = new(2026, 11, 27);
    public static readonly DateOnly Earlier = new(2026, 11, 25);
    public static readonly DateOnly Oldest = new(2026, 10, 30);

    public const string OldStyleId = "hep-th/9901001";
    public const string TitleOnlyTitle = "Attention Is All You Need For Tests";

    /// <summary>The papers; every listed day holds at least five, so each is a full front-page day.</summary>
    public static IReadOnlyList<PaperRecord> All()
    {
        var papers = new List<PaperRecord>
        {
            Arxiv("2611.00001", "Diffusion models for protein folding", "We train denoising diffusion models on protein structures and fold $\\alpha$-helices.", Newest, 12, "cs.LG", "q-bio.BM"),
            Arxiv("2611.00002", "Sparse attention for long documents", "A sparse attention pattern lets transformers read documents of 100k tokens.", Newest, 40, "cs.CL"),
            Arxiv("2611.00003", "Graph neural networks for molecules", "Message passing networks predict molecular properties.", Newest, 3, "cs.LG"),
            Arxiv("2611.00004", "Retrieval augmented generation at scale", "Retrieval augmented generation with a billion documents and dense retrieval.", Newest, 0, "cs.CL", "cs.IR"),
            Arxiv("2611.00005", "Robot grasping from pixels", "Grasping unseen objects from camera pixels with reinforcement learning.", Newest, 1, "cs.RO"),
            Arxiv("2611.00011", "Protein language models", "Language models over amino acid sequences predict protein structure and function.", Earlier, 25, "q-bio.BM"),
            Arxiv("2611.00012", "Diffusion for image editing", "Text-guided image editing with diffusion models.", Earlier, 7, "cs.CV"),
            Arxiv("2611.00013", "Speech recognition without labels", "Self-supervised speech models transcribe without labelled audio.", Earlier, 2, "cs.CL", "eess.AS"),
            Arxiv("2611.00014", "Tabular learning benchmarks", "Gradient boosted trees still beat deep networks on tabular data.", Earlier, 0, "cs.LG"),
            Arxiv("2611.00015", "Quantum error correction codes", "Surface codes with fewer qubits.", Earlier, 0, "quant-ph"),
            Arxiv(OldStyleId, "Strings on branes", "An old paper about strings on D-branes.", Oldest, 5, "hep-th"),
            Arxiv("2610.00021", "Vision transformers revisited", "Plain vision transformers match convolutional networks.", Oldest, 9, "cs.CV"),
            Arxiv("2610.00022", "Reward models for dialogue", "Reward models trained on human preferences steer dialogue agents.", Oldest, 4, "cs.CL"),
            Arxiv("2610.00023", "Federated learning with privacy", "Differential privacy for federated averaging.", Oldest, 1, "cs.LG", "cs.CR"),
            new()
            {
                Source = "hf-page",
                Origin = "test:1",
                Title = TitleOnlyTitle,
                Abstract = "A title-only paper about attention, known by its title alone.",
                AuthorCount = 8,
                Upvotes = 30,
                Listed = Oldest,
            },
        };
        return papers;
    }

    private static PaperRecord Arxiv(string id, string title, string abstractText, DateOnly listed, int upvotes, params string[] categories) => new()
    {
        Source = "test",
        Origin = "test:1",
        ArxivId = id,
        Title = title,
        Abstract = abstractText,
        Authors = ["Ada Lovelace", "Alan Turing", "Grace Hopper"],
        Categories = categories,
        Published = listed.AddDays(-1),
        Listed = listed,
        Upvotes = upvotes,
    };
}
