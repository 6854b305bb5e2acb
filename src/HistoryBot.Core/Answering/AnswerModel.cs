using System.Text.Json;
using System.Text.Json.Serialization;

namespace HistoryBot.Core.Answering;

/// <summary>
/// The learned answer model: a sentence model that picks the quote among the shortlisted candidates (the probability that
/// the quote built from a sentence holds the answer), and an answerability model over the picked candidate and its margin
/// to the runner-up whose calibrated output is the confidence shown, the probability that the quote answers the question.
/// Trained by <c>src/HistoryBot.Training</c> and shipped inside this assembly (<c>Answering/Resources/answer-model.json</c>).
/// </summary>
/// <param name="Threshold">The confidence below which the bot declines, chosen by cross-validation grouped by article.</param>
/// <param name="TrainedOn">What the model was trained on, for people reading the file.</param>
internal sealed record AnswerModel(
    [property: JsonPropertyName("sentence")] TreeEnsemble Sentence,
    [property: JsonPropertyName("answer")] TreeEnsemble Answer,
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("trainedOn")] string? TrainedOn = null)
{
    private const string ResourceName = "HistoryBot.Core.answer-model.json";

    /// <summary>The features of the answerability model, computed from the picked candidate by <see cref="AnswerFeatures"/>.</summary>
    public static readonly IReadOnlyList<string> AnswerFeatureNames =
    [
        "bestProbability", "secondProbability", "margin", "handConfidence", "semantic", "coverage", "context", "salience",
        "absentRareWords", "kind", "someoneElse", "namesNear", "nonNameCoverage", "handRank", "questionTerms", "cueHere",
        "numbersClash", "unmatchedNear", "unmatchedSalience", "unmatchedShare",
    ];

    private static readonly Lazy<AnswerModel> ShippedModel = new(() =>
    {
        using var stream = typeof(AnswerModel).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The answer model {ResourceName} is not embedded in {typeof(AnswerModel).Assembly.GetName().Name}.");
        return Read(stream);
    });

    /// <summary>The model this build ships (loaded and checked once).</summary>
    public static AnswerModel Shipped => ShippedModel.Value;

    /// <summary>Reads and checks a model file; its ensembles are laid out to read the vectors this code computes.</summary>
    /// <exception cref="FormatException">The file is not a valid model or needs features this code does not compute.</exception>
    public static AnswerModel Read(Stream stream)
    {
        AnswerModel? model;
        try
        {
            model = JsonSerializer.Deserialize<AnswerModel>(stream);
        }
        catch (JsonException e)
        {
            throw new FormatException($"The answer model is not valid JSON: {e.Message}", e);
        }

        if (model?.Sentence is null || model.Answer is null || !model.Sentence.IsValid() || !model.Answer.IsValid()
            || !double.IsFinite(model.Threshold))
        {
            throw new FormatException("The answer model is incomplete or its trees are malformed.");
        }

        var sentence = model.Sentence.ReadingFrom(SentenceFeatures.Names)
            ?? throw new FormatException("The answer model reads a sentence feature this version does not compute: retrain it.");
        var answer = model.Answer.ReadingFrom(AnswerFeatureNames)
            ?? throw new FormatException("The answer model reads an answer feature this version does not compute: retrain it.");
        return model with { Sentence = sentence, Answer = answer };
    }

    /// <summary>The sentence to quote (the most probable), and the calibrated confidence that its quote answers.</summary>
    public (CandidateSentence Best, double Confidence) Decide(IReadOnlyList<CandidateSentence> candidates)
    {
        var probabilities = candidates.Select(c => Sentence.Probability(c.Features)).ToArray();
        var best = 0;
        for (var i = 1; i < probabilities.Length; i++)
        {
            if (probabilities[i] > probabilities[best])
            {
                best = i;
            }
        }

        var features = AnswerFeatures(candidates[best].Features, probabilities, best);
        return (candidates[best], Answer.Probability(features));
    }

    /// <summary>The answerability features of the candidate at <paramref name="bestIndex"/>, in <see cref="AnswerFeatureNames"/> order.</summary>
    public static float[] AnswerFeatures(float[] best, IReadOnlyList<double> probabilities, int bestIndex)
    {
        var second = probabilities.Where((_, i) => i != bestIndex).DefaultIfEmpty(0).Max();
        float Of(string name) => best[SentenceFeatures.IndexOf(name)];
        return
        [
            (float)probabilities[bestIndex], (float)second, (float)(probabilities[bestIndex] - second), Of("handConfidence"),
            Of("semantic"), Of("coverage"), Of("context"), Of("salience"), Of("absentRareWords"), Of("kind"),
            Of("someoneElse"), Of("namesNear"), Of("nonNameCoverage"), Of("handRank"), Of("questionTerms"), Of("cueHere"),
            Of("numbersClash"), Of("unmatchedNear"), Of("unmatchedSalience"), Of("unmatchedShare"),
        ];
    }
}
