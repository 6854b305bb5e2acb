using System.Text;
using System.Text.Json.Nodes;
using HistoryBot.Cli;
using HistoryBot.Discord.Tests.Support;

namespace HistoryBot.Discord.Tests.Uploads;

/// <summary>
/// <c>/corpus</c> through <c>historybot discord</c> itself, with the real engine over a temporary corpus, against the
/// fake Discord with two servers (300 and 301), a manager (permissions 32) and an ordinary member (permissions 0).
/// </summary>
public sealed class CorpusUploadEndToEndTests : IAsyncLifetime
{
    private const ulong Server = 300;
    private const ulong OtherServer = 301;
    private const string Manager = "32";
    private const string Member = "1024";
    private const string ChessClub = "# Riverside Chess Club\n\nThe Riverside chess club meets every Thursday evening in the old library on Mill Street.\n\n## Rules\n\nEvery member plays one rated game a month.\n";
    private const string ChessQuestion = "Where does the Riverside chess club meet?";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "historybot-uploads-" + Guid.NewGuid().ToString("N"));
    private readonly CancellationTokenSource _stop = new();
    private FakeDiscordServer _server = null!;
    private Task<int> _run = null!;
    private long _nextInteraction = 10_000;

    private string Corpus => Path.Combine(_root, "corpus");

    private string UploadsOf(ulong guild) => Path.Combine(Corpus, "uploads", guild.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Corpus);
        File.Copy(Path.Combine(AppContext.BaseDirectory, "TestData", "seed-corpus", "lenin-and-trotsky.txt"), Path.Combine(Corpus, "lenin-and-trotsky.txt"));
        _server = await FakeDiscordServer.StartAsync();
        var app = new CliApp(new ConsoleIO(new StringReader(string.Empty), new StringWriter(), new StringWriter()));
        _run = app.RunAsync(
            [
                "discord", "--corpus", Corpus, "--index", Path.Combine(_root, "index"), "--retrieval", "lexical",
                "--Discord:Token=test-token.abc.def", $"--Discord:ApiBaseUrl={_server.ApiBaseUrl}",
                "--Discord:UserCooldownSeconds=0", "--Discord:ChannelLimit=0",
                "--Discord:Uploads:Enabled=true", "--Discord:Uploads:MaxBytes=4000",
                $"--Log:Path={Path.Combine(_root, "questions.db")}",
            ],
            _stop.Token);
        await _server.WaitForReadyAsync();
        await FakeDiscordServer.WaitUntilAsync(() => Registration() is not null, timeoutMs: 60_000, because: "the commands registered");
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        Assert.Equal(0, await _run.WaitAsync(TimeSpan.FromSeconds(20)));
        await _server.DisposeAsync();
        _stop.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void Registration_CorpusCommand_HiddenFromMembersWithoutManageServer()
    {
        var corpus = Registration()!.AsArray().Single(c => (string?)c!["name"] == "corpus")!;

        Assert.Equal("32", (string?)corpus["default_member_permissions"]);
        var subcommands = corpus["options"]!.AsArray();
        Assert.Equal(["add", "list", "remove"], subcommands.Select(s => (string)s!["name"]!).ToArray());
        Assert.All(subcommands, s => Assert.Equal(1, (int)s!["type"]!));
        var file = subcommands[0]!["options"]!.AsArray().Single(o => (string?)o!["name"] == "file")!;
        Assert.Equal(11, (int)file["type"]!);
        Assert.True((bool)file["required"]!);
        Assert.Equal(3, (int)subcommands[0]!["options"]!.AsArray().Single(o => (string?)o!["name"] == "title")!["type"]!);
        var name = subcommands[2]!["options"]!.AsArray().Single()!;
        Assert.Equal(("name", 3, true), ((string?)name["name"], (int)name["type"]!, (bool)name["required"]!));
    }

    [Fact]
    public async Task Add_OrdinaryMember_RefusedEphemerallyAndNothingWritten()
    {
        var id = NextId();
        await _server.CorpusAddAsync(id, _server.Attachment("club.md", Encoding.UTF8.GetBytes(ChessClub)), guildId: Server, permissions: Member);

        var callback = await CallbackAsync(id);
        Assert.Equal(4, (int)callback["type"]!);
        Assert.Equal(64, (int)callback["data"]!["flags"]!);
        Assert.Contains("Manage Server", (string?)callback["data"]!["content"], StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Corpus, "uploads")));
        Assert.Equal(0, _server.AttachmentDownloads);
    }

    [Fact]
    public async Task AddAskListRemove_ManagersUpload_AnswersInItsServerOnlyUntilRemoved()
    {
        // Given a manager's upload of a Markdown file, deferred ephemerally at once and edited once indexed
        var add = NextId();
        await _server.CorpusAddAsync(add, _server.Attachment("club.md", Encoding.UTF8.GetBytes(ChessClub)), guildId: Server, permissions: Manager);
        var deferred = await CallbackAsync(add);
        Assert.Equal((5, 64), ((int)deferred["type"]!, (int)deferred["data"]!["flags"]!));
        var added = await EditAsync(add);
        Assert.Contains("Riverside Chess Club", added, StringComparison.Ordinal);
        Assert.Contains("2 passage(s)", added, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(UploadsOf(Server), "club.md")));

        // Then the question is answered from it in that server, and not in the other one
        Assert.Contains("Mill Street", await AskAsync(ChessQuestion, Server), StringComparison.Ordinal);
        var elsewhere = await AskAsync(ChessQuestion, OtherServer);
        Assert.DoesNotContain("Mill Street", elsewhere, StringComparison.Ordinal);
        Assert.DoesNotContain("Chess", elsewhere, StringComparison.Ordinal);

        // And the list names it, with who added it, in its server only
        var list = NextId();
        await _server.CorpusListAsync(list, Server);
        var listed = await EditAsync(list);
        Assert.Contains("Riverside Chess Club", listed, StringComparison.Ordinal);
        Assert.Contains("club.md", listed, StringComparison.Ordinal);
        Assert.Contains("<@42>", listed, StringComparison.Ordinal);
        var otherList = NextId();
        await _server.CorpusListAsync(otherList, OtherServer);
        Assert.DoesNotContain("club.md", await EditAsync(otherList), StringComparison.Ordinal);

        // When it is removed, it no longer answers
        var remove = NextId();
        await _server.CorpusRemoveAsync(remove, "club.md", Server);
        Assert.Contains("Removed", await EditAsync(remove), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(UploadsOf(Server), "club.md")));
        Assert.DoesNotContain("Mill Street", await AskAsync(ChessQuestion, Server), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("big.md", 5000, "larger than the limit")]
    [InlineData("../../evil.md", 0, "path")]
    [InlineData("photo.png", 0, "“.png” files are not documents")]
    [InlineData("notes.md", -1, "binary")]
    [InlineData("paper.pdf", 0, "not a PDF")]
    public async Task Add_BadFile_RefusedWithAMessageAndNothingStored(string fileName, int size, string because)
    {
        var content = size switch
        {
            > 0 => Encoding.UTF8.GetBytes(new string('a', size)),
            < 0 => [0x89, 0x50, 0x4E, 0x47, 0x00, 0x01, 0x02, 0x03],
            _ => Encoding.UTF8.GetBytes("# Evil\n\nThis text must never reach the corpus.\n"),
        };
        var id = NextId();

        await _server.CorpusAddAsync(id, _server.Attachment(fileName, content), guildId: Server, permissions: Manager);

        var reply = await EditAsync(id);
        Assert.Contains(because, reply, StringComparison.Ordinal);
        Assert.Contains("Nothing was stored", reply, StringComparison.Ordinal);
        var files = Directory.Exists(_root) ? Directory.GetFiles(_root, "*", SearchOption.AllDirectories) : [];
        Assert.DoesNotContain(files, f => f.StartsWith(Corpus, StringComparison.Ordinal) && !f.EndsWith("lenin-and-trotsky.txt", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => Path.GetFileName(f) == "evil.md");
    }

    [Fact]
    public async Task Add_FromADirectMessage_Refused()
    {
        var id = NextId();
        await _server.CorpusAsync(id, "list", [], guildId: null, userId: 42, permissions: Manager);

        var callback = await CallbackAsync(id);
        Assert.Equal(64, (int)callback["data"]!["flags"]!);
        Assert.Contains("only in a server", (string?)callback["data"]!["content"], StringComparison.Ordinal);
    }

    private ulong NextId() => (ulong)Interlocked.Increment(ref _nextInteraction);

    private JsonNode? Registration() =>
        _server.Requests.LastOrDefault(r => r.Method == "PUT" && r.Path.EndsWith("/commands", StringComparison.Ordinal))?.Json;

    /// <summary>
    /// The interaction's first response. Discord's 3-second deadline is pinned by its shape (an immediate answer, or a
    /// deferral before slow work), not by the clock: a loaded CI machine can take longer to deliver either.
    /// </summary>
    private async Task<JsonNode> CallbackAsync(ulong id)
    {
        await FakeDiscordServer.WaitUntilAsync(() => _server.RepliesTo(id).Callback is not null, timeoutMs: 30_000, because: $"interaction {id} answered");
        return _server.RepliesTo(id).Callback!.Json!;
    }

    /// <summary>The final text of a deferred reply: the edit of its original response.</summary>
    private async Task<string> EditAsync(ulong id)
    {
        await FakeDiscordServer.WaitUntilAsync(() => _server.RepliesTo(id).Edit is not null, timeoutMs: 30_000, because: $"interaction {id} edited");
        return (string?)_server.RepliesTo(id).Edit!.Json!["content"] ?? "";
    }

    /// <summary>Asks with /ask in a server; the reply's text, whether sent at once or edited after a deferral.</summary>
    private async Task<string> AskAsync(string question, ulong guild)
    {
        var id = NextId();
        await _server.AskInAsync(id, question, guild);
        await FakeDiscordServer.WaitUntilAsync(
            () => _server.RepliesTo(id) is { Callback: { } callback } replies && ((int?)callback.Json?["type"] == 4 || replies.Edit is not null),
            timeoutMs: 60_000,
            because: $"/ask {id} answered");
        var (answer, edit) = _server.RepliesTo(id);
        return edit?.Body ?? answer!.Body;
    }
}
