namespace HistoryBot.Tests.Support;

/// <summary>Damages the files of a built index as a bad disk sector would, in place (an open reader sees the change).</summary>
public static class IndexFiles
{
    /// <summary>
    /// Flips every byte of the one index file matching <paramref name="pattern"/> but its codec header and checksum
    /// footer (so reading it fails, not only its checksum); returns its name.
    /// </summary>
    public static string Scramble(string indexFolder, string pattern = "*.fdt")
    {
        var file = Assert.Single(Directory.GetFiles(indexFolder, pattern));
        var bytes = File.ReadAllBytes(file);
        for (var i = 40; i < bytes.Length - 16; i++)
        {
            bytes[i] ^= 0x5A;
        }

        using (var stream = new FileStream(file, FileMode.Open, FileAccess.Write, FileShare.ReadWrite))
        {
            stream.Write(bytes);
        }

        return Path.GetFileName(file);
    }
}
