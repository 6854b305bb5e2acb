using System.ComponentModel.DataAnnotations;
using HistoryBot.Core;
using HistoryBot.Core.Answering;
using HistoryBot.Core.Retrieval;

namespace HistoryBot.Tests.Answering;

public sealed class AnswerOptionsValidationTests
{
    [Fact]
    public void Validate_Defaults_AreValid()
    {
        Assert.All(new AnswerOptions().Stages, stage => Assert.Empty(Errors(stage)));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Validate_NonFiniteNumber_IsRejectedNamingTheKey(double value)
    {
        Assert.Contains(nameof(ConfidenceOptions.MinimumConfidence), Errors(new ConfidenceOptions { MinimumConfidence = value }).SelectMany(e => e.MemberNames));
        Assert.Contains(nameof(ScoringOptions.SemanticWeight), Errors(new ScoringOptions { SemanticWeight = value }).SelectMany(e => e.MemberNames));
        Assert.Contains(nameof(RetrievalOptions.TitleBoost), Errors(new RetrievalOptions { TitleBoost = value }).SelectMany(e => e.MemberNames));
        Assert.Contains(nameof(QuestionOptions.SynonymWeight), Errors(new QuestionOptions { SynonymWeight = value }).SelectMany(e => e.MemberNames));
    }

    [Theory]
    [InlineData(0.9, 0.9)]
    [InlineData(0.9, 0.45)]
    public void Validate_FloorNotBelowCeiling_IsRejected(double floor, double ceiling)
    {
        var errors = Errors(new ScoringOptions { SemanticFloor = floor, SemanticCeiling = ceiling });

        Assert.Contains(nameof(ScoringOptions.SemanticFloor), Assert.Single(errors).MemberNames);
    }

    [Fact]
    public void Validate_QuestionLengthOutOfRange_IsRejected()
    {
        Assert.NotEmpty(Errors(new QuestionOptions { MaxQuestionLength = 0 }));
    }

    private static List<ValidationResult> Errors(object options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }
}
