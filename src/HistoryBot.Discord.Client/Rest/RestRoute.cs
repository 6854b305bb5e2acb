namespace HistoryBot.Discord.Client.Rest;

/// <summary>
/// A REST call's rate-limit identity: method and path template (<see cref="Key"/>) and the top-level resource id
/// (channel, guild or webhook) that splits a bucket. <see cref="Path"/> is what goes on the wire and may hold an
/// interaction token, so it is never logged: <see cref="ToString"/> gives the template.
/// </summary>
internal sealed record RestRoute(HttpMethod Method, string Template, string MajorId, string Path, bool UsesBotAuth = true, bool Global = true)
{
    public string Key => $"{Method.Method} {Template}";

    public override string ToString() => Key;
}
