namespace HistoryBot.Configuration;

/// <summary>One configuration value that can't be used: its key and one line for a person, which names the key.</summary>
public sealed record OptionsProblem(string Key, string Message)
{
    public override string ToString() => Message;
}
