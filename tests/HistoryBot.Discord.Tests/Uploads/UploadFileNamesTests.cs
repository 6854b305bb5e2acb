using HistoryBot.Discord.Bot.Uploads;

namespace HistoryBot.Discord.Tests.Uploads;

public sealed class UploadFileNamesTests
{
    [Theory]
    [InlineData("../../evil.md")]
    [InlineData("..\\evil.md")]
    [InlineData("a/b.md")]
    [InlineData("/etc/passwd.txt")]
    [InlineData("notes\u0000.md")]
    [InlineData("notes\n.md")]
    [InlineData("evil\u202Edm.txt")]
    [InlineData("..md")]
    [InlineData("")]
    [InlineData("README")]
    public void Sanitise_NameThatLeavesItsFolderOrHidesCharacters_Refused(string name)
    {
        Assert.Null(UploadFileNames.Sanitise(name, out var problem));
        Assert.False(string.IsNullOrEmpty(problem));
    }

    [Theory]
    [InlineData("club.md", "club.md")]
    [InlineData("Club Notes (2024).MD", "Club Notes (2024).md")]
    [InlineData("a:b*c?.txt", "a_b_c_.txt")]
    [InlineData(".hidden.md", "hidden.md")]
    [InlineData("Łódź notes.pdf", "Łódź notes.pdf")]
    public void Sanitise_OrdinaryName_KeptSafe(string name, string expected) =>
        Assert.Equal(expected, UploadFileNames.Sanitise(name, out _));

    [Fact]
    public void Sanitise_LongName_CutToTheLimitKeepingTheExtension()
    {
        var safe = UploadFileNames.Sanitise(new string('x', 300) + ".md", out _)!;

        Assert.Equal(UploadFileNames.MaxLength, safe.Length);
        Assert.EndsWith(".md", safe, StringComparison.Ordinal);
    }

    [Fact]
    public void WithSuffix_Collision_NumbersBeforeTheExtensionWithinTheLimit()
    {
        Assert.Equal("club-2.md", UploadFileNames.WithSuffix("club.md", 2));
        var longName = UploadFileNames.Sanitise(new string('x', 300) + ".md", out _)!;
        var suffixed = UploadFileNames.WithSuffix(longName, 12);
        Assert.Equal(UploadFileNames.MaxLength, suffixed.Length);
        Assert.EndsWith("-12.md", suffixed, StringComparison.Ordinal);
    }
}
