using Paperboy.Papers;
using Paperboy.Store;

namespace Paperboy.Tests.Search.Keyword;

/// <summary>A handful of papers whose words, authors, categories and days the keyword tests ask about.</summary>
internal static class KeywordCorpus
{
    public static IReadOnlyList<Paper> Papers { get; } =
    [
        Paper("2501.00001", "Graph Neural Networks for Molecule Property Prediction",
            "We propose a graph network that predicts molecular properties.",
            ["Yann LeCun", "Ada Lovelace"], ["cs.LG", "q-bio.BM"], listed: new DateOnly(2025, 1, 10)),
        Paper("2501.00002", "Large Language Models as Agents",
            "A large language model acts as an agent in web environments.",
            ["Jürgen Müller"], ["cs.CL"], listed: new DateOnly(2025, 3, 5)),
        Paper("2501.00003", "Image Classification with Vision Transformers",
            "Vision transformers classify images; we study the model of language supervision for vision.",
            ["Yann Smith", "Grace LeCun"], ["cs.CV"], listed: new DateOnly(2024, 11, 20)),
        Paper("2501.00004", "Deep Reinforcement Learning for Robotics",
            "Reinforcement learning trains robot agents with deep networks.",
            ["Yoshua Bengio"], ["cs.RO", "cs.LG"], listed: new DateOnly(2025, 6, 30)),
        Paper("2501.00005", "Learning to Rank Scientific Papers",
            "Learning ranking models for scientific search.",
            ["Ada Lovelace"], ["cs.IR"], published: new DateOnly(2023, 5, 1)),
    ];

    public static IReadOnlyList<PaperChange> Changes { get; } =
        Papers.Select((p, i) => new PaperChange(i + 1, p.Id, p)).ToList();

    public static Paper Paper(
        string id, string title, string abstractText, string[] authors, string[] categories,
        DateOnly? listed = null, DateOnly? published = null) => new()
        {
            Id = id,
            Title = title,
            Abstract = abstractText,
            Authors = authors,
            Categories = categories,
            Listed = listed,
            Published = published,
        };
}
