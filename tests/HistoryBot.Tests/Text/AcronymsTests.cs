using HistoryBot.Core.Text;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Text;

public sealed class AcronymsTests
{
    [Theory]
    [InlineData("According to the AAA, how many stations ran dry?", "AAA", "The American Automobile Association reported it.", true)]
    [InlineData("Who was an ally of the United States?", "States", "Iran was a close US ally.", true)]
    [InlineData("Who was an ally of the United States?", "States", "Iran was a close U.S. ally.", true)]
    [InlineData("What did the Royal Air Force bomb?", "Force", "The RAF bombed the docks.", true)]
    [InlineData("According to the AAA, how many stations ran dry?", "AAA", "The American Association reported it.", false)]
    [InlineData("Who was an ally of the United States?", "States", "Iran was a close UK ally.", false)]
    [InlineData("Who was an ally of Iran?", "Iran", "Iran was a close US ally.", false)]
    public void Stands_AcronymAndItsSpelling_AreTheSameName(string question, string word, string text, bool expected)
    {
        Assert.Equal(expected, Acronyms.Stands(question, InMemoryPassages.Stem(word), text));
    }
}
