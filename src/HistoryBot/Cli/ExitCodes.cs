namespace HistoryBot.Cli;

public static class ExitCodes
{
    /// <summary>Success, including an honest "I couldn't find that".</summary>
    public const int Success = 0;

    /// <summary>Something went wrong inside HistoryBot.</summary>
    public const int InternalError = 1;

    /// <summary>A usage or input error: a bad option, a missing corpus, a malformed query.</summary>
    public const int UsageError = 2;
}

/// <summary>A user error with a one-line message; the app prints it and exits with <see cref="ExitCodes.UsageError"/>.</summary>
public sealed class UsageException(string message) : Exception(message);
