using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using HistoryBot.Core.Retrieval;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Cli;

/// <summary>Random Unicode thrown at the question and search paths: nothing but a QuerySyntaxException may escape.</summary>
public sealed class RandomInputPropertyTests(SeedEngineFixture fixture) : IClassFixture<SeedEngineFixture>
{
    private static Arbitrary<string> UnicodeStrings() =>
        ArbMap.Default.GeneratorFor<string>()
            .Select(s => s ?? string.Empty)
            .ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Ask_AnyString_NeverThrows() =>
        Prop.ForAll(UnicodeStrings(), question =>
        {
            var answer = fixture.Engine.Ask(question);
            return answer.Answered == (answer.Quote is not null);
        });

    [Property(MaxTest = 300)]
    public Property Search_AnyString_ReturnsHitsOrExplainsSyntax() =>
        Prop.ForAll(UnicodeStrings(), query =>
        {
            try
            {
                var result = fixture.Engine.Search(query, 5);
                return result.Hits.Count <= 5;
            }
            catch (QuerySyntaxException e)
            {
                return !string.IsNullOrWhiteSpace(e.Message) && !e.Message.Contains('\n', StringComparison.Ordinal);
            }
        });

    [Property(MaxTest = 200)]
    public Property Ask_StringsBuiltFromLuceneSyntaxAndNames_NeverThrow() =>
        Prop.ForAll(
            Gen.Elements("Lenin", "Trotsky~", "\"Stalin", "AND", "OR", "NOT", "((", ")", "*", "?", ":", "title:", "\\", "^2", "[1 TO 5]", "{", "}", "&&", "||", "!", "-", "+", "\u0000", "🙂")
                .ListOf()
                .Select(parts => string.Join(' ', parts))
                .ToArbitrary(),
            question => fixture.Engine.Ask(question) is not null);
}
