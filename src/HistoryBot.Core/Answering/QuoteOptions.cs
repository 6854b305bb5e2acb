using System.ComponentModel.DataAnnotations;

namespace HistoryBot.Core.Answering;

/// <summary>Quote building: how much text around the best sentence is quoted (configuration section <c>Retrieval</c>).</summary>
public sealed class QuoteOptions
{
    /// <summary>The most characters a quote may have.</summary>
    [Range(80, 2000)]
    public int MaxQuoteChars { get; set; } = 300;

    /// <summary>A best sentence shorter than this is quoted with the sentence after it, which often completes it.</summary>
    [Range(0, 2000)]
    public int ShortSentenceChars { get; set; } = 150;
}
