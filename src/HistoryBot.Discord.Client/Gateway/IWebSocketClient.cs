using System.Net.WebSockets;
using System.Text;

namespace HistoryBot.Discord.Client.Gateway;

/// <summary>
/// The little a gateway connection needs from a WebSocket: text frames in and out, and the close handshake.
/// One send and one receive may run at the same time, never two sends.
/// </summary>
public interface IWebSocketClient : IDisposable
{
    Task ConnectAsync(Uri uri, CancellationToken cancellationToken);

    /// <summary>Sends one complete UTF-8 text message.</summary>
    Task SendTextAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken);

    /// <summary>Reads one whole message (all fragments): its text, or the close status when the peer closed.</summary>
    Task<WebSocketMessage> ReceiveAsync(CancellationToken cancellationToken);

    /// <summary>Starts the close handshake with <paramref name="closeCode"/>; the peer's echo arrives through <see cref="ReceiveAsync"/>.</summary>
    Task CloseOutputAsync(int closeCode, string reason, CancellationToken cancellationToken);

    /// <summary>Drops the connection at once, without a close frame.</summary>
    void Abort();
}

/// <summary>A received WebSocket message: text, or a close frame with its status (null when the peer sent none).</summary>
public sealed record WebSocketMessage(string? Text, bool IsClose, int? CloseStatus, string? CloseDescription)
{
    public static WebSocketMessage FromText(string text) => new(text, false, null, null);

    public static WebSocketMessage Closed(int? status, string? description) => new(null, true, status, description);
}

/// <summary>Creates a fresh, unconnected socket for each gateway connection.</summary>
public delegate IWebSocketClient WebSocketClientFactory();

/// <summary>The production <see cref="IWebSocketClient"/> over <see cref="ClientWebSocket"/>: plain JSON text, no compression.</summary>
public sealed class ClientWebSocketClient : IWebSocketClient
{
    private readonly ClientWebSocket _socket = new();
    private readonly byte[] _buffer = new byte[16 * 1024];

    public static WebSocketClientFactory Factory { get; } = static () => new ClientWebSocketClient();

    public Task ConnectAsync(Uri uri, CancellationToken cancellationToken)
    {
        _socket.Options.KeepAliveInterval = TimeSpan.Zero;

        // Some gateway implementations (open-source Discord servers, proxies) refuse an upgrade without a User-Agent.
        _socket.Options.SetRequestHeader("User-Agent", Rest.DiscordRestClient.UserAgent);
        return _socket.ConnectAsync(uri, cancellationToken);
    }

    public Task SendTextAsync(ReadOnlyMemory<byte> utf8, CancellationToken cancellationToken) =>
        _socket.SendAsync(utf8, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).AsTask();

    public async Task<WebSocketMessage> ReceiveAsync(CancellationToken cancellationToken)
    {
        using var message = new MemoryStream();
        while (true)
        {
            var result = await _socket.ReceiveAsync(_buffer.AsMemory(), cancellationToken).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return WebSocketMessage.Closed((int?)_socket.CloseStatus, _socket.CloseStatusDescription);
            }

            message.Write(_buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return WebSocketMessage.FromText(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length));
            }
        }
    }

    public Task CloseOutputAsync(int closeCode, string reason, CancellationToken cancellationToken) =>
        _socket.State is WebSocketState.Open or WebSocketState.CloseReceived
            ? _socket.CloseOutputAsync((WebSocketCloseStatus)closeCode, reason, cancellationToken)
            : Task.CompletedTask;

    public void Abort() => _socket.Abort();

    public void Dispose() => _socket.Dispose();
}
