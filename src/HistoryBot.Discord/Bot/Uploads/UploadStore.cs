using System.Globalization;
using HistoryBot.Core;

namespace HistoryBot.Discord.Bot.Uploads;

/// <summary>A file of one server's upload folder.</summary>
/// <param name="Document">Its corpus id (<c>uploads/&lt;guild&gt;/name</c>), as the index and the upload log name it.</param>
internal sealed record StoredUpload(string Document, string FileName, string FullPath, long Bytes);

/// <summary>
/// One server's folder of uploads, <c>&lt;corpus&gt;/uploads/&lt;guild id&gt;/</c>: lists, stores (atomically: the bytes go to
/// a temporary file the corpus ignores, which is then renamed, so the index never sees half a file) and deletes. Every
/// path is checked to stay inside the folder.
/// </summary>
internal sealed class UploadStore
{
    private const string TemporaryExtension = ".uploading";
    private const int MaxCollisions = 1000;

    private readonly string _folder;
    private readonly string _scope;

    public UploadStore(string corpusDirectory, ulong guildId)
    {
        _scope = guildId.ToString(CultureInfo.InvariantCulture);
        _folder = Path.GetFullPath(Path.Combine(corpusDirectory, DocumentScopes.UploadsFolder, _scope));
    }

    public string Folder => _folder;

    /// <summary>The server's uploads, by file name.</summary>
    public IReadOnlyList<StoredUpload> List()
    {
        if (!Directory.Exists(_folder))
        {
            return [];
        }

        return [.. new DirectoryInfo(_folder).EnumerateFiles()
            .Where(f => !f.Name.EndsWith(TemporaryExtension, StringComparison.Ordinal))
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => new StoredUpload(DocumentOf(f.Name), f.Name, f.FullName, f.Length))];
    }

    /// <summary>The upload whose content hashes to <paramref name="sha256"/>, if the server has one already.</summary>
    public StoredUpload? FindSameContent(string sha256, long length)
    {
        foreach (var upload in List().Where(u => u.Bytes == length))
        {
            try
            {
                if (UploadedContent.Hash(File.ReadAllBytes(upload.FullPath)) == sha256)
                {
                    return upload;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Gone or unreadable: not the same document.
            }
        }

        return null;
    }

    /// <summary>Writes <paramref name="content"/> as <paramref name="fileName"/>, or as "name-2.ext" and so on when taken.</summary>
    public StoredUpload Store(string fileName, byte[] content)
    {
        Directory.CreateDirectory(_folder);
        var temporary = Inside(Path.Combine(_folder, "." + Guid.NewGuid().ToString("N") + TemporaryExtension));
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                stream.Write(content);
                stream.Flush(flushToDisk: true);
            }

            for (var attempt = 1; attempt <= MaxCollisions; attempt++)
            {
                var name = attempt == 1 ? fileName : UploadFileNames.WithSuffix(fileName, attempt);
                var target = Inside(Path.Combine(_folder, name));
                if (File.Exists(target))
                {
                    continue;
                }

                try
                {
                    File.Move(temporary, target, overwrite: false);
                    return new StoredUpload(DocumentOf(name), name, target, content.Length);
                }
                catch (IOException) when (File.Exists(target))
                {
                    // Taken meanwhile: try the next suffix.
                }
            }

            throw new IOException($"No free name for {fileName} in {_folder}.");
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    public void Delete(StoredUpload upload)
    {
        File.Delete(Inside(upload.FullPath));
    }

    private string DocumentOf(string fileName) => $"{DocumentScopes.FolderOf(_scope)}/{fileName}";

    /// <summary>The path, when it lies directly in the folder; otherwise a refusal (never reached with sanitised names).</summary>
    private string Inside(string path)
    {
        var full = Path.GetFullPath(path);
        return string.Equals(Path.GetDirectoryName(full), _folder, StringComparison.Ordinal)
            ? full
            : throw new InvalidOperationException("An upload path left its folder.");
    }
}
