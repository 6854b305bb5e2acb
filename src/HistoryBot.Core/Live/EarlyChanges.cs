namespace HistoryBot.Core.Live;

/// <summary>Changes seen while the first engine was opened: replayed as one reload once the service exists.</summary>
internal sealed class EarlyChanges
{
    private readonly Lock _gate = new();
    private LiveAnswerService? _service;
    private DateTimeOffset? _seen;

    public void Changed(DateTimeOffset changedAt)
    {
        lock (_gate)
        {
            if (_service is null)
            {
                _seen = _seen > changedAt ? _seen : changedAt;
                return;
            }
        }

        _ = _service.ReloadAsync(changedAt);
    }

    public void Attach(LiveAnswerService service)
    {
        DateTimeOffset? seen;
        lock (_gate)
        {
            _service = service;
            seen = _seen;
        }

        if (seen is { } changedAt)
        {
            _ = service.ReloadAsync(changedAt);
        }
    }
}
