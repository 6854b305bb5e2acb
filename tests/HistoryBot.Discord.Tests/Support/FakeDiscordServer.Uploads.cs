using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace HistoryBot.Discord.Tests.Support;

/// <summary>
/// The fake's side of <c>/corpus</c>: attachments served on 127.0.0.1 (as Discord's CDN serves them, no token needed),
/// and slash commands sent from a given server by a member with given permission bits.
/// </summary>
internal sealed partial class FakeDiscordServer
{
    private readonly ConcurrentDictionary<string, byte[]> _attachments = new();
    private long _nextAttachment = 5000;

    /// <summary>Serves <paramref name="content"/> at a new URL and returns the attachment object Discord would resolve.</summary>
    /// <param name="declaredSize">The size the attachment claims (default: the real one).</param>
    public JsonObject Attachment(string fileName, byte[] content, long? declaredSize = null)
    {
        var id = Interlocked.Increment(ref _nextAttachment).ToString(CultureInfo.InvariantCulture);
        _attachments[id] = content;
        return new JsonObject
        {
            ["id"] = id,
            ["filename"] = fileName,
            ["size"] = declaredSize ?? content.Length,
            ["url"] = $"{BaseUrl}/attachments/{id}/{Uri.EscapeDataString(fileName)}",
            ["proxy_url"] = $"{BaseUrl}/attachments/{id}/{Uri.EscapeDataString(fileName)}",
            ["content_type"] = "application/octet-stream",
        };
    }

    /// <summary>How often an attachment was downloaded.</summary>
    public int AttachmentDownloads => Volatile.Read(ref _attachmentDownloads);

    private int _attachmentDownloads;

    /// <summary><c>/corpus add</c> with a file, from <paramref name="guildId"/> by a member with <paramref name="permissions"/>.</summary>
    public Task CorpusAddAsync(ulong interactionId, JsonObject attachment, string? title = null, ulong guildId = 300, ulong userId = 42, string permissions = "32")
    {
        var options = new JsonArray(new JsonObject { ["name"] = "file", ["type"] = 11, ["value"] = (string?)attachment["id"] });
        if (title is not null)
        {
            options.Add(new JsonObject { ["name"] = "title", ["type"] = 3, ["value"] = title });
        }

        var resolved = new JsonObject { ["attachments"] = new JsonObject { [(string)attachment["id"]!] = attachment.DeepClone() } };
        return CorpusAsync(interactionId, "add", options, guildId, userId, permissions, resolved);
    }

    public Task CorpusListAsync(ulong interactionId, ulong guildId = 300, ulong userId = 42, string permissions = "32") =>
        CorpusAsync(interactionId, "list", [], guildId, userId, permissions);

    public Task CorpusRemoveAsync(ulong interactionId, string name, ulong guildId = 300, ulong userId = 42, string permissions = "32") =>
        CorpusAsync(interactionId, "remove", new JsonArray(new JsonObject { ["name"] = "name", ["type"] = 3, ["value"] = name }), guildId, userId, permissions);

    /// <summary>A <c>/corpus</c> interaction; a null <paramref name="guildId"/> sends it from a DM (<c>user</c>, no <c>member</c>).</summary>
    public Task CorpusAsync(ulong interactionId, string subcommand, JsonArray options, ulong? guildId, ulong userId, string permissions, JsonObject? resolved = null)
    {
        var data = new JsonObject
        {
            ["id"] = "78",
            ["name"] = "corpus",
            ["type"] = 1,
            ["options"] = new JsonArray(new JsonObject { ["name"] = subcommand, ["type"] = 1, ["options"] = options }),
        };
        if (resolved is not null)
        {
            data["resolved"] = resolved;
        }

        return DispatchAsync("INTERACTION_CREATE", Interaction(interactionId, data, guildId, userId, permissions));
    }

    /// <summary><c>/ask</c> from a given server (or a DM when null).</summary>
    public Task AskInAsync(ulong interactionId, string question, ulong? guildId, ulong userId = 42) =>
        DispatchAsync("INTERACTION_CREATE", Interaction(
            interactionId,
            new JsonObject
            {
                ["id"] = "77",
                ["name"] = "ask",
                ["type"] = 1,
                ["options"] = new JsonArray(new JsonObject { ["name"] = "question", ["type"] = 3, ["value"] = question }),
            },
            guildId,
            userId,
            "0"));

    /// <summary>The reply an interaction got: its callback body, then the edit of its original response when there is one.</summary>
    public (RecordedRequest? Callback, RecordedRequest? Edit) RepliesTo(ulong interactionId)
    {
        var id = interactionId.ToString(CultureInfo.InvariantCulture);
        var callback = Requests.FirstOrDefault(r => r.Method == "POST" && r.Path.StartsWith($"/interactions/{id}/", StringComparison.Ordinal));
        var edit = Requests.FirstOrDefault(r => r.Method == "PATCH" && r.Path.Contains($"/interaction-token-{id}/", StringComparison.Ordinal));
        return (callback, edit);
    }

    private static JsonObject Interaction(ulong interactionId, JsonObject data, ulong? guildId, ulong userId, string permissions)
    {
        var user = new JsonObject { ["id"] = userId.ToString(CultureInfo.InvariantCulture), ["username"] = $"user{userId}" };
        var interaction = new JsonObject
        {
            ["id"] = interactionId.ToString(CultureInfo.InvariantCulture),
            ["application_id"] = ApplicationId.ToString(CultureInfo.InvariantCulture),
            ["type"] = 2,
            ["token"] = $"interaction-token-{interactionId}",
            ["version"] = 1,
            ["channel_id"] = (500 + (guildId ?? 0)).ToString(CultureInfo.InvariantCulture),
            ["data"] = data,
        };
        if (guildId is { } guild)
        {
            interaction["guild_id"] = guild.ToString(CultureInfo.InvariantCulture);
            interaction["member"] = new JsonObject { ["user"] = user, ["permissions"] = permissions };
        }
        else
        {
            interaction["user"] = user;
        }

        return interaction;
    }

    private async Task ServeAttachmentAsync(HttpContext context)
    {
        var path = (string?)context.Request.RouteValues["path"] ?? "";
        var id = path.Split('/')[0];
        if (!_attachments.TryGetValue(id, out var content))
        {
            context.Response.StatusCode = 404;
            return;
        }

        Interlocked.Increment(ref _attachmentDownloads);
        context.Response.ContentType = "application/octet-stream";
        context.Response.ContentLength = content.Length;
        await context.Response.Body.WriteAsync(content);
    }
}
