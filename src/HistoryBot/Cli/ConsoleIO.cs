namespace HistoryBot.Cli;

/// <summary>The streams a command reads and writes, and whether each is a terminal. Tests pass string writers.</summary>
public sealed record ConsoleIO(
    TextReader In,
    TextWriter Out,
    TextWriter Error,
    bool InputIsTerminal = false,
    bool OutputIsTerminal = false,
    bool ErrorIsTerminal = false)
{
    public static ConsoleIO FromSystemConsole() => new(
        Console.In,
        Console.Out,
        Console.Error,
        !Console.IsInputRedirected,
        !Console.IsOutputRedirected,
        !Console.IsErrorRedirected);
}
