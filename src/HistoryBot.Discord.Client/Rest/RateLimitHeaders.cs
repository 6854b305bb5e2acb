using System.Globalization;
using System.Net.Http.Headers;

namespace HistoryBot.Discord.Client.Rest;

/// <summary>The <c>X-RateLimit-*</c> headers of one response (any may be missing).</summary>
internal sealed record RateLimitHeaders(
    int? Limit,
    int? Remaining,
    double? ResetAfterSeconds,
    string? Bucket,
    bool Global,
    string? Scope,
    double? RetryAfterSeconds)
{
    public static RateLimitHeaders Parse(HttpResponseHeaders headers) => Parse(name =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null);

    public static RateLimitHeaders Parse(Func<string, string?> header) => new(
        ParseInt(header("X-RateLimit-Limit")),
        ParseInt(header("X-RateLimit-Remaining")),
        ParseDouble(header("X-RateLimit-Reset-After")),
        header("X-RateLimit-Bucket"),
        string.Equals(header("X-RateLimit-Global"), "true", StringComparison.OrdinalIgnoreCase),
        header("X-RateLimit-Scope"),
        ParseDouble(header("Retry-After")));

    private static int? ParseInt(string? value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var result) ? result : null;

    private static double? ParseDouble(string? value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var result) && result >= 0 ? result : null;
}
