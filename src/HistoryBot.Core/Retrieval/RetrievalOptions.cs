using System.ComponentModel.DataAnnotations;

namespace HistoryBot.Core.Retrieval;

public sealed class RetrievalOptions
{
    /// <summary>How many passages are retrieved for answer selection.</summary>
    [Range(1, 200)]
    public int CandidatePassages { get; set; } = 20;

    /// <summary>Query-time boost of a match in the section heading, relative to the passage text.</summary>
    [Range(0.0, 10.0)]
    public double SectionBoost { get; set; } = 0.5;

    /// <summary>Query-time boost of a match in the document title, relative to the passage text.</summary>
    [Range(0.0, 10.0)]
    public double TitleBoost { get; set; } = 0.5;

    /// <summary>Weight of a synonym from the reviewed list, relative to the question's own word.</summary>
    [Range(0.0, 1.0)]
    public double SynonymWeight { get; set; } = 0.6;

    /// <summary>Weight of a spelling correction (a fuzzy match of a word the corpus does not have).</summary>
    [Range(0.0, 1.0)]
    public double CorrectionWeight { get; set; } = 0.8;

    /// <summary>Weight of a word-form variant ("lead" for "leader", "Marxist" for "Marx") that the stemmer does not join.</summary>
    [Range(0.0, 1.0)]
    public double VariantWeight { get; set; } = 0.7;

    /// <summary>Boost of question word pairs found near each other in a passage.</summary>
    [Range(0.0, 10.0)]
    public double PhraseBoost { get; set; } = 0.3;

    /// <summary>Answers whose confidence is below this are declined.</summary>
    [Range(0.0, 1.0)]
    public double MinimumConfidence { get; set; } = 0.35;

    /// <summary>The most characters a quote may have.</summary>
    [Range(80, 2000)]
    public int MaxQuoteChars { get; set; } = 300;

    /// <summary>A best sentence shorter than this is quoted with the sentence after it, which often completes it.</summary>
    [Range(0, 2000)]
    public int ShortSentenceChars { get; set; } = 150;

    /// <summary>At most this many question words are used (the rarest ones), so huge inputs stay cheap.</summary>
    [Range(1, 1000)]
    public int MaxQuestionTerms { get; set; } = 32;
}
