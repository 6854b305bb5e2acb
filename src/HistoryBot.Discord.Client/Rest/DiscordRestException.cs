using System.Net;

namespace HistoryBot.Discord.Client.Rest;

/// <summary>A Discord REST call failed for good: the status, Discord's JSON error code and message, and the route template.</summary>
public sealed class DiscordRestException(HttpStatusCode status, int code, string message, string route)
    : Exception($"Discord {route} failed with {(int)status} {status}: {message} (code {code})")
{
    public HttpStatusCode Status { get; } = status;

    /// <summary>Discord's JSON error code, e.g. 10062 unknown interaction; 0 when the body had none.</summary>
    public int Code { get; } = code;

    public string Route { get; } = route;
}
