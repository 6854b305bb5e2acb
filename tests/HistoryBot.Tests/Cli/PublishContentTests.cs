using System.Diagnostics;
using System.Text.Json;
using HistoryBot.Tests.Support;

namespace HistoryBot.Tests.Cli;

/// <summary>
/// Publishing once copied a user's own <c>.txt</c>/<c>.md</c> files from <c>corpus/</c> into the app. What the app's
/// project copies beside itself is decided when MSBuild evaluates it, so this test evaluates the real project file in a
/// copy of the repository's layout whose <c>corpus/</c> also holds a user's documents and a Discord upload, and reads
/// which items are copied to the output or publish folder (an evaluation, not a build: about a second).
/// </summary>
public sealed class PublishContentTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task AppProject_WithUserDocumentsInCorpus_CopiesOnlyTheShippedArticle()
    {
        // Given the app's project file in the repository's layout, beside a corpus with a user's own documents
        var repo = RepositoryRoot();
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "src/HistoryBot/HistoryBot.csproj" })
        {
            var target = _temp.Combine(file);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(Path.Combine(repo, file), target);
        }

        foreach (var document in new[]
        {
            "corpus/lenin-and-trotsky.txt", "corpus/my-notes.txt", "corpus/essay.md", "corpus/page.html",
            "corpus/books/chapter.txt", "corpus/uploads/123456/upload.md",
        })
        {
            _temp.Write(document, "text");
        }

        // When MSBuild evaluates it
        var copied = await CopiedItems(_temp.Combine("src", "HistoryBot", "HistoryBot.csproj"));

        // Then the shipped article is the only corpus file that travels with the app
        var fromCorpus = copied
            .Where(path => path.StartsWith(_temp.Combine("corpus") + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .Select(path => Path.GetRelativePath(_temp.Path, path).Replace('\\', '/'))
            .ToList();
        Assert.Equal(["corpus/lenin-and-trotsky.txt"], fromCorpus);
    }

    /// <summary>Full paths of the None and Content items the project copies to its output or publish folder.</summary>
    private static async Task<List<string>> CopiedItems(string project)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(project)!,
        };
        foreach (var arg in new[] { "msbuild", project, "-getItem:None", "-getItem:Content", "-nologo" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"msbuild failed: {await output}{await error}");

        using var json = JsonDocument.Parse(await output);
        var copied = new List<string>();
        foreach (var kind in json.RootElement.GetProperty("Items").EnumerateObject())
        {
            foreach (var item in kind.Value.EnumerateArray())
            {
                if (IsCopied(item, "CopyToOutputDirectory") || IsCopied(item, "CopyToPublishDirectory"))
                {
                    copied.Add(item.GetProperty("FullPath").GetString()!);
                }
            }
        }

        return copied;
    }

    private static bool IsCopied(JsonElement item, string metadata) =>
        item.TryGetProperty(metadata, out var value) && value.GetString() is { Length: > 0 } setting &&
        !setting.Equals("Never", StringComparison.OrdinalIgnoreCase);

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "HistoryBot.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("HistoryBot.sln not found above " + AppContext.BaseDirectory);
    }

    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
}
