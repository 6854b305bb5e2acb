namespace HistoryBot.Core.Indexing;

/// <summary>A raw search hit: the passage id and stored text with its BM25 score, no snippet or answer work.</summary>
public sealed record PassageHit(string Id, string Text, float Score);
