namespace Surveys.Processing.Reports;

/// <summary>
/// Holds the monthly job back until whoever is still writing past months' data is done (the
/// demo's seeding), so no month is judged, or written as final, before its contacts exist.
/// Open unless created held.
/// </summary>
public sealed class ReportJobGate
{
    readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ReportJobGate(bool held = false)
    {
        if (!held) _open.TrySetResult();
    }

    public void Release() => _open.TrySetResult();

    public Task WaitAsync(CancellationToken ct) => _open.Task.WaitAsync(ct);
}
