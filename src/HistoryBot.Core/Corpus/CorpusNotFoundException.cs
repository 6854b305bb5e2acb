namespace HistoryBot.Core.Corpus;

/// <summary>The corpus folder is missing, or holds no readable .txt/.md file. A user error, not a crash.</summary>
public sealed class CorpusNotFoundException(string message) : Exception(message);
