using HistoryBot.Discord.Client.Api;

namespace HistoryBot.Discord.Client.Rest;

/// <summary>An attachment larger than the caller allows: by its declared size, its Content-Length or the bytes sent.</summary>
public sealed class AttachmentTooLargeException(long limit) : Exception($"The attachment is larger than {limit} bytes.")
{
    public long Limit { get; } = limit;
}

/// <summary>
/// Downloads message and interaction attachments from their <c>url</c> (Discord's CDN; no bot token is sent there), never
/// reading more than a limit: the declared size, the Content-Length and the bytes actually received are each checked, so
/// a file that grew or a server that lies cannot make the caller hold more than it allowed.
/// </summary>
public sealed class AttachmentDownloader(HttpClient http)
{
    private const int BufferSize = 81_920;

    /// <exception cref="AttachmentTooLargeException">The attachment is over <paramref name="maxBytes"/>.</exception>
    /// <exception cref="HttpRequestException">The download failed (also for a URL that is not http(s)).</exception>
    public async Task<byte[]> DownloadAsync(DiscordAttachment attachment, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        if (attachment.Size > maxBytes)
        {
            throw new AttachmentTooLargeException(maxBytes);
        }

        if (!Uri.TryCreate(attachment.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new HttpRequestException("The attachment has no http(s) URL.");
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("User-Agent", DiscordRestClient.UserAgent);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        if (response.Content.Headers.ContentLength > maxBytes)
        {
            throw new AttachmentTooLargeException(maxBytes);
        }

        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var content = new MemoryStream();
            var buffer = new byte[BufferSize];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (content.Length + read > maxBytes)
                {
                    throw new AttachmentTooLargeException(maxBytes);
                }

                content.Write(buffer, 0, read);
            }

            return content.ToArray();
        }
    }
}
