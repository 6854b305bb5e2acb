using HistoryBot.Core.Conversation;

namespace HistoryBot.Discord.Bot;

/// <summary>A question as asked and as it will be answered (the standalone form of a follow-up).</summary>
internal readonly record struct FollowUp(string Asked, string Resolved)
{
    /// <summary>Whether the question was rewritten using the channel's previous question.</summary>
    public bool IsRewritten => !string.Equals(Asked, Resolved, StringComparison.Ordinal);

    public static FollowUp Standalone(string question) => new(question.Trim(), question.Trim());
}

/// <summary>
/// One <see cref="FollowUpResolver"/> per channel (a Discord thread is a channel of its own), so a follow-up only ever
/// refers to the previous question in the same channel. Thread-safe: resolving and remembering happen together under
/// one lock, so questions in a channel are read in the order <see cref="Resolve"/> sees them and no answer waits on
/// another. Bounded: at most <c>capacity</c> channels, the least recently used forgotten first, and a channel's
/// context is forgotten after <c>idleTimeout</c> without a question there. Names typed in lower case are recognised
/// with <c>isName</c> (the corpus's own spelling, <c>IAnswerService.IsName</c>).
/// </summary>
internal sealed class FollowUpContexts(int capacity, TimeSpan idleTimeout, TimeProvider time, Func<string, bool>? isName = null)
{
    private readonly Dictionary<ulong, LinkedListNode<Entry>> _channels = [];

    // Most recently used first, so the idle and the least recently used channels are both at the end.
    private readonly LinkedList<Entry> _recent = new();
    private readonly Lock _lock = new();

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _channels.Count;
            }
        }
    }

    /// <summary>
    /// The standalone form of <paramref name="question"/> given the previous question in <paramref name="channelId"/>;
    /// the result is remembered as that channel's previous question.
    /// </summary>
    public FollowUp Resolve(ulong channelId, string question)
    {
        ArgumentNullException.ThrowIfNull(question);
        if (capacity <= 0)
        {
            return FollowUp.Standalone(question);
        }

        lock (_lock)
        {
            var now = time.GetUtcNow();
            ForgetIdle(now);
            if (_channels.TryGetValue(channelId, out var node))
            {
                _recent.Remove(node);
            }
            else
            {
                while (_channels.Count >= capacity)
                {
                    Forget(_recent.Last!);
                }

                node = new LinkedListNode<Entry>(new Entry(channelId, new FollowUpResolver(isName)));
                _channels[channelId] = node;
            }

            node.Value.LastUsed = now;
            _recent.AddFirst(node);
            var resolved = node.Value.Resolver.Resolve(question);
            node.Value.Resolver.Remember(resolved);
            return new FollowUp(question.Trim(), resolved);
        }
    }

    /// <summary>Records the quote that answered <paramref name="resolved"/> in <paramref name="channelId"/> (see <see cref="FollowUpResolver.RememberAnswer"/>).</summary>
    public void Answered(ulong channelId, string resolved, string? quote)
    {
        lock (_lock)
        {
            if (_channels.TryGetValue(channelId, out var node))
            {
                node.Value.Resolver.RememberAnswer(resolved, quote);
            }
        }
    }

    private void ForgetIdle(DateTimeOffset now)
    {
        while (_recent.Last is { } oldest && now - oldest.Value.LastUsed >= idleTimeout)
        {
            Forget(oldest);
        }
    }

    private void Forget(LinkedListNode<Entry> node)
    {
        _recent.Remove(node);
        _channels.Remove(node.Value.ChannelId);
    }

    private sealed class Entry(ulong channelId, FollowUpResolver resolver)
    {
        public ulong ChannelId { get; } = channelId;

        public FollowUpResolver Resolver { get; } = resolver;

        public DateTimeOffset LastUsed { get; set; }
    }
}
