using System.Text;
using HistoryBot.Cli;

Console.OutputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
Console.InputEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // First Ctrl-C: stop gracefully. A second one ends the process.
    if (!cancellation.IsCancellationRequested)
    {
        e.Cancel = true;
        cancellation.Cancel();
    }
};

LongCommandLine.PrepareNativeRuntime(args);
return await new CliApp(ConsoleIO.FromSystemConsole()).RunAsync(args, cancellation.Token);
