using HistoryBot.Core.Text;

namespace HistoryBot.Tests.Text;

public sealed class FirstNewNameTests
{
    [Theory]
    [InlineData("The Committee of Public Safety was led by Robespierre during the Terror.", "Robespierre")]
    [InlineData("However, Robespierre led it.", "Robespierre")]
    [InlineData("Maximilien Robespierre led it.", "Maximilien Robespierre")]
    [InlineData("Soon after, Danton's friends were arrested.", "Danton")]
    [InlineData("The Committee of Public Safety met daily.", null)]
    public void FirstNewName_Quote_GivesTheFirstNameTheQuestionLacks(string quote, string? expected)
    {
        Assert.Equal(expected, English.FirstNewName(quote, "Who led the Committee of Public Safety?"));
    }
}
