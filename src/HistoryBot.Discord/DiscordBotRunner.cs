using HistoryBot.Core;
using HistoryBot.Discord.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HistoryBot.Discord;

/// <summary>
/// Runs the Discord bot on the .NET Generic Host (with systemd integration) until Ctrl-C, SIGTERM or
/// <c>cancellationToken</c>; then closes the gateway with 1000 and returns 0. The console app's whole
/// <c>discord</c> command:
/// <code>
/// var options = DiscordOptionsLoader.Load(configuration, out var problems); // once, before anything is loaded
/// return await DiscordBotRunner.RunAsync(engine, options!, QuestionLogging.None, configuration, loggers: null, errors, cancellationToken);
/// </code>
/// </summary>
public static class DiscordBotRunner
{
    /// <summary>
    /// Returns the exit code: 0 after a clean shutdown, 2 for a configuration error (e.g. no token), 3 when Discord
    /// rejected the token or configuration (fatal close code), 1 otherwise. Errors go to standard error as one line.
    /// </summary>
    /// <param name="loggers">Where logs go; null for single-line console logs (systemd format under systemd).</param>
    /// <param name="errors">Where the one-line error of a failed run is written (standard error in the console app).</param>
    public static Task<int> RunAsync(IAnswerService answers, IConfiguration configuration, ILoggerFactory? loggers, TextWriter errors, CancellationToken cancellationToken) =>
        RunAsync(answers, QuestionLogging.None, configuration, loggers, errors, DiscordRuntime.Default, cancellationToken);

    /// <summary>
    /// Runs the bot with <paramref name="options"/> from <see cref="DiscordOptionsLoader.Load"/> (already validated:
    /// not validated again). <paramref name="configuration"/> supplies only the <c>Logging</c> section.
    /// </summary>
    /// <param name="logging">Where answers and their 👍/👎 votes are recorded (<see cref="QuestionLogging.None"/>: nowhere).</param>
    public static Task<int> RunAsync(
        IAnswerService answers,
        DiscordOptions options,
        QuestionLogging logging,
        IConfiguration configuration,
        ILoggerFactory? loggers,
        TextWriter errors,
        CancellationToken cancellationToken) =>
        RunAsync(answers, options, logging, configuration, loggers, errors, DiscordRuntime.Default, cancellationToken);

    /// <summary>
    /// As above, with the corpus folder that <c>/corpus</c> stores uploads in (used when <c>Discord:Uploads:Enabled</c>
    /// is true; without it the command is not offered).
    /// </summary>
    public static Task<int> RunAsync(
        IAnswerService answers,
        DiscordOptions options,
        QuestionLogging logging,
        CorpusUploads uploads,
        IConfiguration configuration,
        ILoggerFactory? loggers,
        TextWriter errors,
        CancellationToken cancellationToken) =>
        RunAsync(answers, options, logging, configuration, loggers, errors, DiscordRuntime.Default, cancellationToken, uploads);

    /// <summary>Registers the bot as a hosted service, for callers that build their own host.</summary>
    /// <returns>The status to read the exit code from after the host stopped.</returns>
    public static DiscordBotStatus AddHistoryBotDiscord(this IServiceCollection services, IAnswerService answers, DiscordOptions options, QuestionLogging? logging = null) =>
        AddHistoryBotDiscord(services, answers, options, logging ?? QuestionLogging.None, DiscordRuntime.Default);

    internal static DiscordBotStatus AddHistoryBotDiscord(
        IServiceCollection services, IAnswerService answers, DiscordOptions options, QuestionLogging logging, DiscordRuntime runtime, CorpusUploads? uploads = null)
    {
        var status = new DiscordBotStatus();
        services.AddSingleton(new UploadsAccess(uploads));
        services.AddSingleton(answers);
        services.AddSingleton(options);
        services.AddSingleton(logging);
        services.AddSingleton(runtime);
        services.AddSingleton(status);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<DiscordBotService>();
        return status;
    }

    internal static async Task<int> RunAsync(
        IAnswerService answers,
        QuestionLogging logging,
        IConfiguration configuration,
        ILoggerFactory? loggers,
        TextWriter errors,
        DiscordRuntime runtime,
        CancellationToken cancellationToken)
    {
        var options = DiscordOptionsLoader.Load(configuration, out var problems);
        if (options is null)
        {
            foreach (var problem in problems)
            {
                await errors.WriteLineAsync(problem.AsMemory(), cancellationToken).ConfigureAwait(false);
            }

            return DiscordBotStatus.ConfigurationError;
        }

        return await RunAsync(answers, options, logging, configuration, loggers, errors, runtime, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<int> RunAsync(
        IAnswerService answers,
        DiscordOptions options,
        QuestionLogging logging,
        IConfiguration configuration,
        ILoggerFactory? loggers,
        TextWriter errors,
        DiscordRuntime runtime,
        CancellationToken cancellationToken,
        CorpusUploads? uploads = null)
    {
        ReserveThreads(options.MaxConcurrentAnswers);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ApplicationName = "HistoryBot",
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddConfiguration(configuration);
        builder.Services.AddSystemd();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(10));
        if (loggers is not null)
        {
            builder.Services.AddSingleton(loggers);
        }
        else
        {
            builder.Logging.AddConfiguration(configuration.GetSection("Logging"));
            builder.Logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss ";
            });
        }

        var status = AddHistoryBotDiscord(builder.Services, answers, options, logging, runtime, uploads);
        using var host = builder.Build();
        try
        {
            await host.RunAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped by the caller.
        }

        if (status.Error is { } error)
        {
            await errors.WriteLineAsync(error.AsMemory(), CancellationToken.None).ConfigureAwait(false);
        }

        return status.ExitCode;
    }

    /// <summary>
    /// Answers run synchronously on thread-pool threads (at most <paramref name="answerThreads"/> at once); the pool
    /// keeps that many threads on top of one per processor, so heartbeats and the gateway read loop never wait for
    /// the pool to grow while every answer slot is busy.
    /// </summary>
    private static void ReserveThreads(int answerThreads)
    {
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        var wanted = Environment.ProcessorCount + answerThreads;
        if (workers < wanted)
        {
            ThreadPool.SetMinThreads(wanted, completionPorts);
        }
    }
}
