using HistoryBot.Core.Corpus;
using HistoryBot.QuestionLog;

namespace HistoryBot.Discord;

/// <summary>
/// What <c>/corpus</c> needs besides the answer service: the corpus folder it stores uploads in (under
/// <c>uploads/&lt;guild id&gt;/</c>), the readers that decide which files are documents, and where who-uploaded-what is
/// recorded.
/// </summary>
public sealed record CorpusUploads(string CorpusDirectory, DocumentReaders Readers, IUploadLog Log);
