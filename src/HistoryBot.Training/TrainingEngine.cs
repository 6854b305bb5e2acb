using HistoryBot.Core;
using HistoryBot.Core.Answering;
using HistoryBot.Core.Indexing;
using HistoryBot.Core.Retrieval;

namespace HistoryBot.Training;

/// <summary>The engine every training run asks its questions of: hybrid retrieval and the rules pick, as the app's defaults, the corpus not watched.</summary>
internal static class TrainingEngine
{
    private static readonly AnswerOptions Answers = new()
    {
        Retrieval = new RetrievalOptions { Mode = RetrievalMode.Hybrid },
        Confidence = new ConfidenceOptions { AnswerPath = AnswerPath.Rules },
    };

    public static HistoryBotEngine Open(HistoryBotEngineBuilder builder, string corpus, string index) =>
        builder.Build(new IndexOptions { CorpusDirectory = corpus, IndexDirectory = index, WatchCorpus = false }, Answers);
}
