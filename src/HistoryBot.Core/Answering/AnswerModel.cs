using System.Text.Json;
using System.Text.Json.Serialization;

namespace HistoryBot.Core.Answering;

/// <summary>
/// The learned answer model: a sentence model (boosted trees) that picks the quote among the shortlisted candidates (the
/// probability that the quote built from a sentence holds the answer), and two calibrations, one for the sentence the model
/// picks and one for the sentence the hand-written score picks, each a logistic regression over the pick's features and
/// its margin to the runner-up, fitted on out-of-fold examples: the confidence shown, the probability that the quote
/// answers the question.
/// Trained by <c>src/HistoryBot.Training</c> and shipped inside this assembly (<c>Answering/Resources/answer-model.json</c>).
/// </summary>
/// <param name="Answer">The answerability of the sentence the model picks (<see cref="AnswerPath.Learned"/>).</param>
/// <param name="Threshold">The probability below which the bot declines the model's pick, chosen by cross-validation grouped by article.</param>
/// <param name="RulesAnswer">The answerability of the sentence the hand-written score picks (<see cref="AnswerPath.Rules"/>).</param>
/// <param name="RulesThreshold">As <paramref name="Threshold"/>, for the hand-written pick.</param>
/// <param name="TrainedOn">What the model was trained on, for people reading the file.</param>
/// <param name="HandScale">The map of the rules pick's hand-written confidence to the share of right answers
/// (<see cref="ConfidenceOptions.CalibratedHandConfidence"/>); null in a model trained before it: the confidence is shown as it is.</param>
internal sealed record AnswerModel(
    [property: JsonPropertyName("sentence")] TreeEnsemble Sentence,
    [property: JsonPropertyName("answer")] LinearCalibration Answer,
    [property: JsonPropertyName("threshold")] double Threshold,
    [property: JsonPropertyName("rulesAnswer")] LinearCalibration RulesAnswer,
    [property: JsonPropertyName("rulesThreshold")] double RulesThreshold,
    [property: JsonPropertyName("trainedOn")] string? TrainedOn = null,
    [property: JsonPropertyName("handScale")] ConfidenceScale? HandScale = null)
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

        if (model?.Sentence is null || model.Answer is null || model.RulesAnswer is null || !model.Sentence.IsValid()
            || !model.Answer.IsValid() || !model.RulesAnswer.IsValid() || !double.IsFinite(model.Threshold) || !double.IsFinite(model.RulesThreshold) || model.HandScale?.IsValid() == false)
        {
            throw new FormatException("The answer model is incomplete or its trees are malformed.");
        }

        var sentence = model.Sentence.ReadingFrom(SentenceFeatures.Names)
            ?? throw new FormatException("The answer model reads a sentence feature this version does not compute: retrain it.");
        LinearCalibration Answering(LinearCalibration calibration) => calibration.ReadingFrom(AnswerFeatureNames)
            ?? throw new FormatException("The answer model reads an answer feature this version does not compute: retrain it.");
        return model with { Sentence = sentence, Answer = Answering(model.Answer), RulesAnswer = Answering(model.RulesAnswer) };
    }

    /// <summary>
    /// The sentence to quote, and the calibrated probability that its quote answers with the threshold that goes with it.
    /// </summary>
    /// <param name="candidates">The shortlist, best by hand score first (so the hand-written path picks the first).</param>
    /// <param name="path">Who picks: the sentence model (the most probable candidate) or the hand-written score (the first).</param>
    public (CandidateSentence Best, double Probability, double Threshold) Decide(IReadOnlyList<CandidateSentence> candidates, AnswerPath path)
    {
        var probabilities = new double[candidates.Count];
        for (var i = 0; i < probabilities.Length; i++)
        {
            probabilities[i] = Sentence.Probability(candidates[i].Features);
        }

        var best = path == AnswerPath.Learned ? MostProbable(probabilities) : 0;
        var features = AnswerFeatures(candidates[best].Features, probabilities, best);
        return path == AnswerPath.Learned
            ? (candidates[best], Answer.Probability(features), Threshold)
            : (candidates[best], RulesAnswer.Probability(features), RulesThreshold);
    }

    /// <summary>The index of the most probable candidate (the first of equals).</summary>
    public static int MostProbable(IReadOnlyList<double> probabilities)
    {
        var best = 0;
        for (var i = 1; i < probabilities.Count; i++)
        {
            if (probabilities[i] > probabilities[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>
    /// The answerability features of the candidate at <paramref name="bestIndex"/> (the pick, whichever path made it), in
    /// <see cref="AnswerFeatureNames"/> order: its own probability, the runner-up's and the margin between them (negative
    /// when the hand-written pick is not the sentence model's favourite), and the pick's own signals.
    /// </summary>
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
