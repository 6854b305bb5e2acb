namespace HistoryBot.Core.Corpus;

/// <summary>The corpus folder is missing, or holds no file of a readable format. A user error, not a crash.</summary>
public sealed class CorpusNotFoundException(string message) : Exception(message);
